"""The mathematics every other layer builds on: no network, no figure, no widget.

- activations  -- g(z) and g'(z) for linear, sigmoid, tanh, relu, leaky_relu (g' also from g(z))
- initializers -- the variance_scaling core, named schemes (lecun, xavier, he, ...), gain(),
                  drawn_once / rescaled (draw once at unit scale, rescale per move)
- layers       -- *_forward / *_backward pairs (affine, activation, residual, batch and layer
                  norm) and the losses
- stack        -- the one forward/backward core of every deep network
- gradcheck    -- numerical gradients, Jacobians and rel_error, to check every backward
- gaussian     -- E[f(z)] for Gaussian z by the trapezoid rule on a fine grid (any width)
- statistics   -- scale_safe (norms and stds that do not overflow), global_norm, % histograms
- checks       -- argument checks with one wording, and quiet_float_errors()
"""
