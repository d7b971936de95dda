"""Run small linear algebra on one BLAS thread.

numpy's OpenBLAS splits even a 100x100 matrix product or eigen-solve over every core. On
a busy machine (2 cores shared by several jobs, as when the tests run in parallel) the
threads spend their time waiting on each other: measured here, a 100x100 QR took 66 ms
with 2 threads and 2 ms with one. The course's matrices are small, so one thread is never
slower and often 10x faster. :func:`one_blas_thread` limits it for a ``with`` block only.
"""
from threadpoolctl import ThreadpoolController

_CONTROLLER = ThreadpoolController()


def one_blas_thread():
    """A context manager: inside it, BLAS/LAPACK calls run on a single thread."""
    return _CONTROLLER.limit(limits=1, user_api="blas")
