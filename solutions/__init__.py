"""Reference answers to the notebooks' exercises, for instructors and for the tests.

They are computed, not typed in, so they show one way to get there.
"""
