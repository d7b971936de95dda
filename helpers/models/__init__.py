"""Networks and what they compute, built from helpers.math.

- network       -- the deep MLP (batch norm optional), per-layer statistics, training step
                   by step with any optimizer, update-to-data ratios
- rnn           -- the vanilla RNN and the LSTM, ||dL/dh_t|| through time (notebook 05)
- optimizers    -- SGD and Adam, returning the step they take (notebooks 05, 08)
- memory_task   -- recall-the-first-symbol task and a clipped trainer (notebook 05)
- normalization -- batch/layer norm forward/backward, a deep normalized net's profile
- data          -- the seeded two-circles problem and the handwritten digits (shipped)
- digits        -- notebook 08's networks on the digits, trained and diagnosed step by step
- profiles      -- per-layer numbers of one network at init: what notebooks 01-04 draw
- residual      -- notebook 06's plain and residual networks and the residual stream
"""
