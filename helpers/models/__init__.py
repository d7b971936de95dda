"""Networks and what they compute, built from helpers.math: concepts, not notebooks.

- network      -- the deep MLP (batch norm and skips optional), on the core of math.stack
- diagnostics  -- per-layer statistics of a pass: std, % saturated / dead, gradient norms
- training     -- the one training loop: any optimizer, clipping, one meaning of "diverged"
- optimizers   -- SGD and Adam, returning the step they take
- rnn          -- the vanilla RNN and the LSTM, ||dL/dh_t|| through time
- memory_task  -- the recall-the-first-symbol task and its recurrent model
- data         -- the seeded two-circles problem and the handwritten digits (shipped)
"""
