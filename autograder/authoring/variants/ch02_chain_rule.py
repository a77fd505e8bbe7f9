"""Variants of lab ch02_chain_rule (see autograder/variants/__init__.py)."""
from autograder.authoring.variants import correct, mistake

VARIANTS = [
    # ---- numerical_diff ----------------------------------------------------------------------
    mistake("forward_difference", "numerical_diff", '''
        def numerical_diff(f, x, h=1e-4):
            return (f(x + h) - f(x)) / h
        ''', {"numerical_diff_test": "forward difference"}),
    mistake("divided_by_h", "numerical_diff", '''
        def numerical_diff(f, x, h=1e-4):
            return (f(x + h) - f(x - h)) / h
        ''', {"numerical_diff_test": "divide by 2h, not h"}),
    mistake("book_tiny_h", "numerical_diff", '''
        def numerical_diff(f, x, h=1e-50):
            return (f(x + h) - f(x - h)) / (2 * h)
        ''', {"numerical_diff_test": "the step is too small"},
        origin="the book's bad example: h = 1e-50"),
    mistake("ignores_given_h", "numerical_diff", '''
        def numerical_diff(f, x, h=1e-4):
            step = 1e-4
            return (f(x + step) - f(x - step)) / (2 * step)
        ''', {"numerical_diff_test": "with the h you are given"}),
    mistake("backward_difference", "numerical_diff", '''
        def numerical_diff(f, x, h=1e-4):
            return (f(x) - f(x - h)) / h
        ''', {"numerical_diff_test": "backward difference"}),
    mistake("sign_flipped", "numerical_diff", '''
        def numerical_diff(f, x, h=1e-4):
            return (f(x - h) - f(x + h)) / (2 * h)
        ''', {"numerical_diff_test": "sign"}),
    mistake("book_style_numerical_diff", "numerical_diff", '''
        def numerical_diff(f, x):
            h = 1e-4 # 0.0001
            return (f(x+h) - f(x-h)) / (2*h)
        ''', {"numerical_diff_test": "this lab's numerical_diff takes the step as a third "
                                           "argument"},
        origin="the book's §4.3.1 numerical_diff(f, x), h fixed inside"),
    correct("book_code_given_h", "numerical_diff", '''
        def numerical_diff(f, x, h=1e-4):
            return (f(x+h) - f(x-h)) / (2*h)
        '''),
    correct("vectorised_pair", "numerical_diff", '''
        def numerical_diff(f, x, h=1e-4):
            ahead, behind = f(np.array([x + h, x - h]))
            return (ahead - behind) / (2 * h)
        '''),
    correct("divide_twice", "numerical_diff", '''
        def numerical_diff(f, x, h=1e-4):
            difference = f(x + h) - f(x - h)
            return difference / 2 / h
        '''),

    # ---- square_of_sum -----------------------------------------------------------------------
    mistake("missing_factor_2", "square_of_sum", '''
        def square_of_sum(x, y):
            t = x + y
            return t ** 2, t, t
        ''', {"square_of_sum_test": "the factor 2 from d(t²)/dt is missing"}),
    mistake("one_input_only", "square_of_sum", '''
        def square_of_sum(x, y):
            return (x + y) ** 2, 2 * x, 2 * y
        ''', {"square_of_sum_test": "t = x + y is the input of the square node"}),
    mistake("sum_of_squares", "square_of_sum", '''
        def square_of_sum(x, y):
            z = x ** 2 + y ** 2
            return z, 2 * (x + y), 2 * (x + y)
        ''', {"square_of_sum_test": "add first, then square"}),
    mistake("returns_z", "square_of_sum", '''
        def square_of_sum(x, y):
            z = (x + y) ** 2
            return z, z, z
        ''', {"square_of_sum_test": "you returned the output, not its derivative"}),
    mistake("sign_flipped", "square_of_sum", '''
        def square_of_sum(x, y):
            t = x + y
            return t ** 2, -2 * t, -2 * t
        ''', {"square_of_sum_test": "sign"}),
    mistake("returns_list", "square_of_sum", '''
        def square_of_sum(x, y):
            t = x + y
            return [t ** 2, 2 * t, 2 * t]
        ''', {"square_of_sum_test": "should return (z, dz_dx, dz_dy)"}),
    correct("expanded", "square_of_sum", '''
        def square_of_sum(x, y):
            return x * x + 2 * x * y + y * y, 2 * x + 2 * y, 2 * y + 2 * x
        '''),
    correct("numpy_functions", "square_of_sum", '''
        def square_of_sum(x, y):
            t = np.add(x, y)
            grad = np.multiply(2.0, t)
            return np.square(t), grad, grad.copy()
        '''),
    correct("local_derivatives_named", "square_of_sum", '''
        def square_of_sum(x, y):
            t = x + y
            z = t * t
            dz_dz = 1.0
            dz_dt = dz_dz * (t + t)          # the square node: 2t
            dt_dx, dt_dy = 1.0, 1.0          # the add node passes the gradient on
            return z, dz_dt * dt_dx, dz_dt * dt_dy
        '''),
    mistake("square_numerical_own_derivative", "square_of_sum", '''
        def square_of_sum(x, y):
            z = (x + y) ** 2
            dz_dx = numerical_diff(lambda v: (v + y) ** 2, x)
            dz_dy = numerical_diff(lambda v: (x + v) ** 2, y)
            return z, dz_dx, dz_dy
        ''', {"square_of_sum_test": "approximates the derivative numerically"}),
    mistake("square_numerical_of_itself", "square_of_sum", '''
        def square_of_sum(x, y, gradients=True):
            z = (x + y) ** 2
            if not gradients:
                return z
            h = 1e-4
            dz_dx = (square_of_sum(x + h, y, False) - square_of_sum(x - h, y, False)) / (2 * h)
            dz_dy = (square_of_sum(x, y + h, False) - square_of_sum(x, y - h, False)) / (2 * h)
            return z, dz_dx, dz_dy
        ''', {"square_of_sum_test": "approximates the derivative numerically"}),
    mistake("square_numerical_inline", "square_of_sum", '''
        def square_of_sum(x, y):
            """An inline central difference with its own step: exact for a square in exact
            arithmetic, and right to ~1e-12 at ordinary x and y."""
            h = 1e-3
            z = (x + y) ** 2
            dz_dx = ((x + h + y) ** 2 - (x - h + y) ** 2) / (2 * h)
            dz_dy = ((x + y + h) ** 2 - (x + y - h) ** 2) / (2 * h)
            return z, dz_dx, dz_dy
        ''', {"square_of_sum_test": "approximates the derivative numerically"}),

    # ---- fanout ---------------------------------------------------------------------------------
    mistake("path_through_x_only", "fanout", '''
        def fanout(a, b, c):
            x, y = a + b, b + c
            return x * y, y, y, x
        ''', {"fanout_test": "holds only the gradient through x = a+b"}),
    mistake("path_through_y_only", "fanout", '''
        def fanout(a, b, c):
            x, y = a + b, b + c
            return x * y, y, x, x
        ''', {"fanout_test": "holds only the gradient through y = b+c"}),
    mistake("paths_multiplied", "fanout", '''
        def fanout(a, b, c):
            x, y = a + b, b + c
            return x * y, y, x * y, x
        ''', {"fanout_test": "they do not multiply"}),
    mistake("swapped_factors", "fanout", '''
        def fanout(a, b, c):
            x, y = a + b, b + c
            return x * y, x, x + y, y
        ''', {"fanout_test": "is the OTHER factor of the multiply node"}),
    mistake("forward_added", "fanout", '''
        def fanout(a, b, c):
            x, y = a + b, b + c
            return x + y, y, x + y, x
        ''', {"fanout_test": "f = (a + b)(b + c) is wrong"}),
    correct("expanded_polynomial", "fanout", '''
        def fanout(a, b, c):
            f = a * b + a * c + b * b + b * c
            return f, b + c, a + 2 * b + c, a + b
        '''),
    correct("accumulate", "fanout", '''
        def fanout(a, b, c):
            x = a + b
            y = b + c
            df_dx, df_dy = y, x
            grad_b = 0
            grad_b += df_dx
            grad_b += df_dy
            return x * y, df_dx, grad_b, df_dy
        '''),
    correct("backward_in_order", "fanout", '''
        def fanout(a, b, c):
            x = np.add(a, b)
            y = np.add(b, c)
            f = np.multiply(x, y)
            df = 1.0
            df_dx, df_dy = df * y, df * x            # the multiply node swaps its inputs
            df_da = df_dx
            df_dc = df_dy
            df_db = df_dx + df_dy                    # b fans out: the two paths add
            return f, df_da, df_db, df_dc
        '''),
    mistake("fanout_numerical_own_derivative", "fanout", '''
        def fanout(a, b, c):
            f = lambda a, b, c: (a + b) * (b + c)
            return (f(a, b, c), numerical_diff(lambda v: f(v, b, c), a),
                    numerical_diff(lambda v: f(a, v, c), b),
                    numerical_diff(lambda v: f(a, b, v), c))
        ''', {"fanout_test": "approximates the derivative numerically"}),
    mistake("fanout_numerical_inline_five_point", "fanout", '''
        def fanout(a, b, c):
            """A five-point stencil written out: exact for a polynomial of degree 2 in exact
            arithmetic, right to ~1e-12 at ordinary a, b, c."""
            def f(a, b, c):
                return (a + b) * (b + c)

            def slope(g, v, h=1e-2):
                return (g(v - 2 * h) - 8 * g(v - h) + 8 * g(v + h) - g(v + 2 * h)) / (12 * h)

            return (f(a, b, c), slope(lambda v: f(v, b, c), a),
                    slope(lambda v: f(a, v, c), b), slope(lambda v: f(a, b, v), c))
        ''', {"fanout_test": "approximates the derivative numerically"}),
]
