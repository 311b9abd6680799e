package dev.hotline.it.targets;

import java.util.ArrayList;
import java.util.List;

/**
 * Leaves the heap nearly full at exit: 200 methods run with latencies spread over four orders of
 * magnitude, then main fills the heap with 64 KB blocks it keeps until allocation fails, gives back
 * one of them (room to finish, not to write a whole dump: its profile model of the methods and
 * the call tree, and one histogram at a time, need some 100 KB) and returns. Prints how many calls it made. Methods m0..m199
 * are generated: distinct methods, each its own histogram.
 */
public class FullHeapApp {

    static final List<byte[]> KEPT = new ArrayList<>();
    static long sink;

    public static void main(String[] args) {
        long calls = 0;
        for (int round = 0; round < 40; round++) {
            for (int m = 0; m < 200; m++) {
                sink += call(m, (round + m) % 4);
                calls++;
            }
        }
        try {
            while (true) {
                KEPT.add(new byte[64 * 1024]);
            }
        } catch (OutOfMemoryError full) {
            for (int i = 0; i < 1 && !KEPT.isEmpty(); i++) {
                KEPT.remove(KEPT.size() - 1);
            }
        }
        System.out.println("calls=" + calls);
    }

    /** Work of about 10^scale steps: 1 to 1,000 */
    static long spin(int scale) {
        long x = scale;
        for (int i = 0, n = (int) Math.pow(10, scale); i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    static long call(int m, int scale) {
        switch (m) {
            case 0: return m0(scale);
            case 1: return m1(scale);
            case 2: return m2(scale);
            case 3: return m3(scale);
            case 4: return m4(scale);
            case 5: return m5(scale);
            case 6: return m6(scale);
            case 7: return m7(scale);
            case 8: return m8(scale);
            case 9: return m9(scale);
            case 10: return m10(scale);
            case 11: return m11(scale);
            case 12: return m12(scale);
            case 13: return m13(scale);
            case 14: return m14(scale);
            case 15: return m15(scale);
            case 16: return m16(scale);
            case 17: return m17(scale);
            case 18: return m18(scale);
            case 19: return m19(scale);
            case 20: return m20(scale);
            case 21: return m21(scale);
            case 22: return m22(scale);
            case 23: return m23(scale);
            case 24: return m24(scale);
            case 25: return m25(scale);
            case 26: return m26(scale);
            case 27: return m27(scale);
            case 28: return m28(scale);
            case 29: return m29(scale);
            case 30: return m30(scale);
            case 31: return m31(scale);
            case 32: return m32(scale);
            case 33: return m33(scale);
            case 34: return m34(scale);
            case 35: return m35(scale);
            case 36: return m36(scale);
            case 37: return m37(scale);
            case 38: return m38(scale);
            case 39: return m39(scale);
            case 40: return m40(scale);
            case 41: return m41(scale);
            case 42: return m42(scale);
            case 43: return m43(scale);
            case 44: return m44(scale);
            case 45: return m45(scale);
            case 46: return m46(scale);
            case 47: return m47(scale);
            case 48: return m48(scale);
            case 49: return m49(scale);
            case 50: return m50(scale);
            case 51: return m51(scale);
            case 52: return m52(scale);
            case 53: return m53(scale);
            case 54: return m54(scale);
            case 55: return m55(scale);
            case 56: return m56(scale);
            case 57: return m57(scale);
            case 58: return m58(scale);
            case 59: return m59(scale);
            case 60: return m60(scale);
            case 61: return m61(scale);
            case 62: return m62(scale);
            case 63: return m63(scale);
            case 64: return m64(scale);
            case 65: return m65(scale);
            case 66: return m66(scale);
            case 67: return m67(scale);
            case 68: return m68(scale);
            case 69: return m69(scale);
            case 70: return m70(scale);
            case 71: return m71(scale);
            case 72: return m72(scale);
            case 73: return m73(scale);
            case 74: return m74(scale);
            case 75: return m75(scale);
            case 76: return m76(scale);
            case 77: return m77(scale);
            case 78: return m78(scale);
            case 79: return m79(scale);
            case 80: return m80(scale);
            case 81: return m81(scale);
            case 82: return m82(scale);
            case 83: return m83(scale);
            case 84: return m84(scale);
            case 85: return m85(scale);
            case 86: return m86(scale);
            case 87: return m87(scale);
            case 88: return m88(scale);
            case 89: return m89(scale);
            case 90: return m90(scale);
            case 91: return m91(scale);
            case 92: return m92(scale);
            case 93: return m93(scale);
            case 94: return m94(scale);
            case 95: return m95(scale);
            case 96: return m96(scale);
            case 97: return m97(scale);
            case 98: return m98(scale);
            case 99: return m99(scale);
            case 100: return m100(scale);
            case 101: return m101(scale);
            case 102: return m102(scale);
            case 103: return m103(scale);
            case 104: return m104(scale);
            case 105: return m105(scale);
            case 106: return m106(scale);
            case 107: return m107(scale);
            case 108: return m108(scale);
            case 109: return m109(scale);
            case 110: return m110(scale);
            case 111: return m111(scale);
            case 112: return m112(scale);
            case 113: return m113(scale);
            case 114: return m114(scale);
            case 115: return m115(scale);
            case 116: return m116(scale);
            case 117: return m117(scale);
            case 118: return m118(scale);
            case 119: return m119(scale);
            case 120: return m120(scale);
            case 121: return m121(scale);
            case 122: return m122(scale);
            case 123: return m123(scale);
            case 124: return m124(scale);
            case 125: return m125(scale);
            case 126: return m126(scale);
            case 127: return m127(scale);
            case 128: return m128(scale);
            case 129: return m129(scale);
            case 130: return m130(scale);
            case 131: return m131(scale);
            case 132: return m132(scale);
            case 133: return m133(scale);
            case 134: return m134(scale);
            case 135: return m135(scale);
            case 136: return m136(scale);
            case 137: return m137(scale);
            case 138: return m138(scale);
            case 139: return m139(scale);
            case 140: return m140(scale);
            case 141: return m141(scale);
            case 142: return m142(scale);
            case 143: return m143(scale);
            case 144: return m144(scale);
            case 145: return m145(scale);
            case 146: return m146(scale);
            case 147: return m147(scale);
            case 148: return m148(scale);
            case 149: return m149(scale);
            case 150: return m150(scale);
            case 151: return m151(scale);
            case 152: return m152(scale);
            case 153: return m153(scale);
            case 154: return m154(scale);
            case 155: return m155(scale);
            case 156: return m156(scale);
            case 157: return m157(scale);
            case 158: return m158(scale);
            case 159: return m159(scale);
            case 160: return m160(scale);
            case 161: return m161(scale);
            case 162: return m162(scale);
            case 163: return m163(scale);
            case 164: return m164(scale);
            case 165: return m165(scale);
            case 166: return m166(scale);
            case 167: return m167(scale);
            case 168: return m168(scale);
            case 169: return m169(scale);
            case 170: return m170(scale);
            case 171: return m171(scale);
            case 172: return m172(scale);
            case 173: return m173(scale);
            case 174: return m174(scale);
            case 175: return m175(scale);
            case 176: return m176(scale);
            case 177: return m177(scale);
            case 178: return m178(scale);
            case 179: return m179(scale);
            case 180: return m180(scale);
            case 181: return m181(scale);
            case 182: return m182(scale);
            case 183: return m183(scale);
            case 184: return m184(scale);
            case 185: return m185(scale);
            case 186: return m186(scale);
            case 187: return m187(scale);
            case 188: return m188(scale);
            case 189: return m189(scale);
            case 190: return m190(scale);
            case 191: return m191(scale);
            case 192: return m192(scale);
            case 193: return m193(scale);
            case 194: return m194(scale);
            case 195: return m195(scale);
            case 196: return m196(scale);
            case 197: return m197(scale);
            case 198: return m198(scale);
            case 199: return m199(scale);
            default: throw new IllegalArgumentException();
        }
    }

    static long m0(int scale) {
        return spin(scale);
    }

    static long m1(int scale) {
        return spin(scale);
    }

    static long m2(int scale) {
        return spin(scale);
    }

    static long m3(int scale) {
        return spin(scale);
    }

    static long m4(int scale) {
        return spin(scale);
    }

    static long m5(int scale) {
        return spin(scale);
    }

    static long m6(int scale) {
        return spin(scale);
    }

    static long m7(int scale) {
        return spin(scale);
    }

    static long m8(int scale) {
        return spin(scale);
    }

    static long m9(int scale) {
        return spin(scale);
    }

    static long m10(int scale) {
        return spin(scale);
    }

    static long m11(int scale) {
        return spin(scale);
    }

    static long m12(int scale) {
        return spin(scale);
    }

    static long m13(int scale) {
        return spin(scale);
    }

    static long m14(int scale) {
        return spin(scale);
    }

    static long m15(int scale) {
        return spin(scale);
    }

    static long m16(int scale) {
        return spin(scale);
    }

    static long m17(int scale) {
        return spin(scale);
    }

    static long m18(int scale) {
        return spin(scale);
    }

    static long m19(int scale) {
        return spin(scale);
    }

    static long m20(int scale) {
        return spin(scale);
    }

    static long m21(int scale) {
        return spin(scale);
    }

    static long m22(int scale) {
        return spin(scale);
    }

    static long m23(int scale) {
        return spin(scale);
    }

    static long m24(int scale) {
        return spin(scale);
    }

    static long m25(int scale) {
        return spin(scale);
    }

    static long m26(int scale) {
        return spin(scale);
    }

    static long m27(int scale) {
        return spin(scale);
    }

    static long m28(int scale) {
        return spin(scale);
    }

    static long m29(int scale) {
        return spin(scale);
    }

    static long m30(int scale) {
        return spin(scale);
    }

    static long m31(int scale) {
        return spin(scale);
    }

    static long m32(int scale) {
        return spin(scale);
    }

    static long m33(int scale) {
        return spin(scale);
    }

    static long m34(int scale) {
        return spin(scale);
    }

    static long m35(int scale) {
        return spin(scale);
    }

    static long m36(int scale) {
        return spin(scale);
    }

    static long m37(int scale) {
        return spin(scale);
    }

    static long m38(int scale) {
        return spin(scale);
    }

    static long m39(int scale) {
        return spin(scale);
    }

    static long m40(int scale) {
        return spin(scale);
    }

    static long m41(int scale) {
        return spin(scale);
    }

    static long m42(int scale) {
        return spin(scale);
    }

    static long m43(int scale) {
        return spin(scale);
    }

    static long m44(int scale) {
        return spin(scale);
    }

    static long m45(int scale) {
        return spin(scale);
    }

    static long m46(int scale) {
        return spin(scale);
    }

    static long m47(int scale) {
        return spin(scale);
    }

    static long m48(int scale) {
        return spin(scale);
    }

    static long m49(int scale) {
        return spin(scale);
    }

    static long m50(int scale) {
        return spin(scale);
    }

    static long m51(int scale) {
        return spin(scale);
    }

    static long m52(int scale) {
        return spin(scale);
    }

    static long m53(int scale) {
        return spin(scale);
    }

    static long m54(int scale) {
        return spin(scale);
    }

    static long m55(int scale) {
        return spin(scale);
    }

    static long m56(int scale) {
        return spin(scale);
    }

    static long m57(int scale) {
        return spin(scale);
    }

    static long m58(int scale) {
        return spin(scale);
    }

    static long m59(int scale) {
        return spin(scale);
    }

    static long m60(int scale) {
        return spin(scale);
    }

    static long m61(int scale) {
        return spin(scale);
    }

    static long m62(int scale) {
        return spin(scale);
    }

    static long m63(int scale) {
        return spin(scale);
    }

    static long m64(int scale) {
        return spin(scale);
    }

    static long m65(int scale) {
        return spin(scale);
    }

    static long m66(int scale) {
        return spin(scale);
    }

    static long m67(int scale) {
        return spin(scale);
    }

    static long m68(int scale) {
        return spin(scale);
    }

    static long m69(int scale) {
        return spin(scale);
    }

    static long m70(int scale) {
        return spin(scale);
    }

    static long m71(int scale) {
        return spin(scale);
    }

    static long m72(int scale) {
        return spin(scale);
    }

    static long m73(int scale) {
        return spin(scale);
    }

    static long m74(int scale) {
        return spin(scale);
    }

    static long m75(int scale) {
        return spin(scale);
    }

    static long m76(int scale) {
        return spin(scale);
    }

    static long m77(int scale) {
        return spin(scale);
    }

    static long m78(int scale) {
        return spin(scale);
    }

    static long m79(int scale) {
        return spin(scale);
    }

    static long m80(int scale) {
        return spin(scale);
    }

    static long m81(int scale) {
        return spin(scale);
    }

    static long m82(int scale) {
        return spin(scale);
    }

    static long m83(int scale) {
        return spin(scale);
    }

    static long m84(int scale) {
        return spin(scale);
    }

    static long m85(int scale) {
        return spin(scale);
    }

    static long m86(int scale) {
        return spin(scale);
    }

    static long m87(int scale) {
        return spin(scale);
    }

    static long m88(int scale) {
        return spin(scale);
    }

    static long m89(int scale) {
        return spin(scale);
    }

    static long m90(int scale) {
        return spin(scale);
    }

    static long m91(int scale) {
        return spin(scale);
    }

    static long m92(int scale) {
        return spin(scale);
    }

    static long m93(int scale) {
        return spin(scale);
    }

    static long m94(int scale) {
        return spin(scale);
    }

    static long m95(int scale) {
        return spin(scale);
    }

    static long m96(int scale) {
        return spin(scale);
    }

    static long m97(int scale) {
        return spin(scale);
    }

    static long m98(int scale) {
        return spin(scale);
    }

    static long m99(int scale) {
        return spin(scale);
    }

    static long m100(int scale) {
        return spin(scale);
    }

    static long m101(int scale) {
        return spin(scale);
    }

    static long m102(int scale) {
        return spin(scale);
    }

    static long m103(int scale) {
        return spin(scale);
    }

    static long m104(int scale) {
        return spin(scale);
    }

    static long m105(int scale) {
        return spin(scale);
    }

    static long m106(int scale) {
        return spin(scale);
    }

    static long m107(int scale) {
        return spin(scale);
    }

    static long m108(int scale) {
        return spin(scale);
    }

    static long m109(int scale) {
        return spin(scale);
    }

    static long m110(int scale) {
        return spin(scale);
    }

    static long m111(int scale) {
        return spin(scale);
    }

    static long m112(int scale) {
        return spin(scale);
    }

    static long m113(int scale) {
        return spin(scale);
    }

    static long m114(int scale) {
        return spin(scale);
    }

    static long m115(int scale) {
        return spin(scale);
    }

    static long m116(int scale) {
        return spin(scale);
    }

    static long m117(int scale) {
        return spin(scale);
    }

    static long m118(int scale) {
        return spin(scale);
    }

    static long m119(int scale) {
        return spin(scale);
    }

    static long m120(int scale) {
        return spin(scale);
    }

    static long m121(int scale) {
        return spin(scale);
    }

    static long m122(int scale) {
        return spin(scale);
    }

    static long m123(int scale) {
        return spin(scale);
    }

    static long m124(int scale) {
        return spin(scale);
    }

    static long m125(int scale) {
        return spin(scale);
    }

    static long m126(int scale) {
        return spin(scale);
    }

    static long m127(int scale) {
        return spin(scale);
    }

    static long m128(int scale) {
        return spin(scale);
    }

    static long m129(int scale) {
        return spin(scale);
    }

    static long m130(int scale) {
        return spin(scale);
    }

    static long m131(int scale) {
        return spin(scale);
    }

    static long m132(int scale) {
        return spin(scale);
    }

    static long m133(int scale) {
        return spin(scale);
    }

    static long m134(int scale) {
        return spin(scale);
    }

    static long m135(int scale) {
        return spin(scale);
    }

    static long m136(int scale) {
        return spin(scale);
    }

    static long m137(int scale) {
        return spin(scale);
    }

    static long m138(int scale) {
        return spin(scale);
    }

    static long m139(int scale) {
        return spin(scale);
    }

    static long m140(int scale) {
        return spin(scale);
    }

    static long m141(int scale) {
        return spin(scale);
    }

    static long m142(int scale) {
        return spin(scale);
    }

    static long m143(int scale) {
        return spin(scale);
    }

    static long m144(int scale) {
        return spin(scale);
    }

    static long m145(int scale) {
        return spin(scale);
    }

    static long m146(int scale) {
        return spin(scale);
    }

    static long m147(int scale) {
        return spin(scale);
    }

    static long m148(int scale) {
        return spin(scale);
    }

    static long m149(int scale) {
        return spin(scale);
    }

    static long m150(int scale) {
        return spin(scale);
    }

    static long m151(int scale) {
        return spin(scale);
    }

    static long m152(int scale) {
        return spin(scale);
    }

    static long m153(int scale) {
        return spin(scale);
    }

    static long m154(int scale) {
        return spin(scale);
    }

    static long m155(int scale) {
        return spin(scale);
    }

    static long m156(int scale) {
        return spin(scale);
    }

    static long m157(int scale) {
        return spin(scale);
    }

    static long m158(int scale) {
        return spin(scale);
    }

    static long m159(int scale) {
        return spin(scale);
    }

    static long m160(int scale) {
        return spin(scale);
    }

    static long m161(int scale) {
        return spin(scale);
    }

    static long m162(int scale) {
        return spin(scale);
    }

    static long m163(int scale) {
        return spin(scale);
    }

    static long m164(int scale) {
        return spin(scale);
    }

    static long m165(int scale) {
        return spin(scale);
    }

    static long m166(int scale) {
        return spin(scale);
    }

    static long m167(int scale) {
        return spin(scale);
    }

    static long m168(int scale) {
        return spin(scale);
    }

    static long m169(int scale) {
        return spin(scale);
    }

    static long m170(int scale) {
        return spin(scale);
    }

    static long m171(int scale) {
        return spin(scale);
    }

    static long m172(int scale) {
        return spin(scale);
    }

    static long m173(int scale) {
        return spin(scale);
    }

    static long m174(int scale) {
        return spin(scale);
    }

    static long m175(int scale) {
        return spin(scale);
    }

    static long m176(int scale) {
        return spin(scale);
    }

    static long m177(int scale) {
        return spin(scale);
    }

    static long m178(int scale) {
        return spin(scale);
    }

    static long m179(int scale) {
        return spin(scale);
    }

    static long m180(int scale) {
        return spin(scale);
    }

    static long m181(int scale) {
        return spin(scale);
    }

    static long m182(int scale) {
        return spin(scale);
    }

    static long m183(int scale) {
        return spin(scale);
    }

    static long m184(int scale) {
        return spin(scale);
    }

    static long m185(int scale) {
        return spin(scale);
    }

    static long m186(int scale) {
        return spin(scale);
    }

    static long m187(int scale) {
        return spin(scale);
    }

    static long m188(int scale) {
        return spin(scale);
    }

    static long m189(int scale) {
        return spin(scale);
    }

    static long m190(int scale) {
        return spin(scale);
    }

    static long m191(int scale) {
        return spin(scale);
    }

    static long m192(int scale) {
        return spin(scale);
    }

    static long m193(int scale) {
        return spin(scale);
    }

    static long m194(int scale) {
        return spin(scale);
    }

    static long m195(int scale) {
        return spin(scale);
    }

    static long m196(int scale) {
        return spin(scale);
    }

    static long m197(int scale) {
        return spin(scale);
    }

    static long m198(int scale) {
        return spin(scale);
    }

    static long m199(int scale) {
        return spin(scale);
    }
}
