# #pragma ffigen gil(keep) and --keep-gil: such calls keep the GIL, so no
# other Python thread runs during them; errno still goes to ffi.errno.
import threading

import pytest


@pytest.fixture
def ticker(mod):
    """Another Python thread calling lib.tick() until the test ends."""
    stop = threading.Event()
    started = threading.Event()

    def run():
        started.set()
        while not stop.is_set():
            mod.lib.tick()

    thread = threading.Thread(target=run)
    thread.start()
    started.wait()
    yield
    stop.set()
    thread.join()


def test_a_released_call_lets_other_threads_run(mod, ticker):
    assert mod.lib.ticks_during_sleep_released(100) > 0


# On PyPy its backend makes the call, as for CFFI's modules, and releases the GIL.
@pytest.mark.cpython_wrappers
@pytest.mark.parametrize("name", ["ticks_during_sleep_kept", "ticks_during_sleep_kept_again"])
def test_a_kept_call_holds_the_gil(mod, ticker, name):
    assert getattr(mod.lib, name)(100) == 0


def test_errno_is_still_saved_and_restored(mod):
    assert mod.lib.set_errno_kept(42) == -1
    assert mod.ffi.errno == 42
    mod.ffi.errno = 7
    assert mod.lib.get_errno_kept() == 7
