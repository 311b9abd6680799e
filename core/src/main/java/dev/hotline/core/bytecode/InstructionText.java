package dev.hotline.core.bytecode;

import java.util.Map;
import java.util.stream.Collectors;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.util.Printer;

/** One instruction as javap-like text: opcode in lower case, then its operands. */
final class InstructionText {

    private InstructionText() {
    }

    static String of(AbstractInsnNode insn, Map<LabelNode, String> labels) {
        String op = Printer.OPCODES[insn.getOpcode()].toLowerCase(java.util.Locale.ROOT);
        if (insn instanceof IntInsnNode i) {
            return op + " " + (insn.getOpcode() == org.objectweb.asm.Opcodes.NEWARRAY
                    ? Printer.TYPES[i.operand].toLowerCase(java.util.Locale.ROOT).substring(2) : Integer.toString(i.operand));
        } else if (insn instanceof VarInsnNode v) {
            return op + " " + v.var;
        } else if (insn instanceof TypeInsnNode t) {
            return op + " " + t.desc;
        } else if (insn instanceof FieldInsnNode f) {
            return op + " " + f.owner + "." + f.name + " : " + f.desc;
        } else if (insn instanceof MethodInsnNode m) {
            return op + " " + m.owner + "." + m.name + m.desc;
        } else if (insn instanceof InvokeDynamicInsnNode d) {
            return op + " " + d.name + d.desc + " [" + d.bsm.getName() + "]";
        } else if (insn instanceof JumpInsnNode j) {
            return op + " " + labels.get(j.label);
        } else if (insn instanceof LdcInsnNode l) {
            return op + " " + (l.cst instanceof String s ? '"' + escape(s) + '"'
                    : l.cst instanceof Type t ? t.getDescriptor() : String.valueOf(l.cst));
        } else if (insn instanceof IincInsnNode i) {
            return op + " " + i.var + " " + i.incr;
        } else if (insn instanceof TableSwitchInsnNode t) {
            return op + " " + t.min + ".." + t.max + " -> "
                    + t.labels.stream().map(labels::get).collect(Collectors.joining(",")) + " default " + labels.get(t.dflt);
        } else if (insn instanceof LookupSwitchInsnNode l) {
            StringBuilder out = new StringBuilder(op).append(' ');
            for (int i = 0; i < l.keys.size(); i++) {
                out.append(l.keys.get(i)).append(':').append(labels.get(l.labels.get(i))).append(' ');
            }
            return out.append("default ").append(labels.get(l.dflt)).toString();
        } else if (insn instanceof MultiANewArrayInsnNode m) {
            return op + " " + m.desc + " " + m.dims;
        }
        return op;
    }

    private static String escape(String s) {
        String escaped = s.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"");
        return escaped.length() > 40 ? escaped.substring(0, 40) + "..." : escaped;
    }
}
