"""What theory predicts for deep networks at initialization (notebook 07).

- meanfield -- q*, chi_1, the depth scale, the critical line, and the simulation that checks them
- isometry  -- singular values of the input-output Jacobian (dynamical isometry)
"""
