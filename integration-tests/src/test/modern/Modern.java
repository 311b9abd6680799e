import java.util.List;

/**
 * Compiled by each JDK's own javac at its newest class file version (Java 17 = 61, 25 = 69) by
 * ModernBytecodeTest: records, sealed interfaces, nest mates (a nested class using its outer
 * class's private members), invokedynamic string concatenation, lambdas, and switch on strings.
 */
public class Modern {

    sealed interface Shape permits Circle, Square {
        double area();
    }

    record Circle(double r) implements Shape {
        public double area() {
            return Math.PI * r * r;
        }
    }

    record Square(double side) implements Shape {
        public double area() {
            return side * side;
        }
    }

    private int secret = 41;

    class Peeker {
        int peek() {
            return secret + 1; // a nest mate reading a private field directly
        }
    }

    static String describe(Shape s) {
        String kind = switch (s.getClass().getSimpleName()) {
            case "Circle" -> "round";
            case "Square" -> "square";
            default -> "other";
        };
        return kind + " of area " + Math.round(s.area()); // indy string concatenation
    }

    public static void main(String[] args) {
        List<Shape> shapes = List.of(new Circle(1), new Square(2), new Circle(2));
        StringBuilder out = new StringBuilder();
        shapes.forEach(s -> out.append(describe(s)).append("; "));
        out.append("peek=").append(new Modern().new Peeker().peek());
        System.out.println(out);
    }
}
