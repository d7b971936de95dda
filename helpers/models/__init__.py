"""Networks and what they compute, built from helpers.math.

- network       -- the deep MLP, per-layer statistics, a training loop with clipping
- rnn           -- the vanilla RNN and the LSTM, and ||dL/dh_t|| through time
- memory_task   -- recall-the-first-symbol task, Adam and a clipped trainer (notebook 05)
- normalization -- batch/layer norm forward/backward, a deep normalized net's profile
- data          -- the seeded two-circles problem and accuracy
"""
