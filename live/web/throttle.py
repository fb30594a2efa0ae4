"""A growing delay after failures, per key (an account name, an address), instead of a lockout.

`free` failures in a row cost nothing; the `free`-th makes the next attempt wait 1 s, and each
failure after it doubles the wait (2 s, 4 s, ...) up to `period`. Failures are forgiven at
`free` per `period`, so a key left alone is soon clear again, and someone who keeps failing gets
about `free` tries per `period` however they pace them, while whoever else shares the key waits
seconds, not the whole period."""
import math
import threading
import time

SWEEP_EVERY = 1024  # failures between sweeps of the keys already forgiven


class Backoff:
    def __init__(self, free, period, clock=time.monotonic):
        self.free = free
        self.period = period
        self.clock = clock
        self.failures = {}  # key -> (failures counted, time of the last one)
        self.lock = threading.Lock()
        self.recorded = 0

    def wait(self, key):
        """Seconds before `key` may try again; 0: now."""
        with self.lock:
            count, last = self.failures.get(key, (0, 0.0))
        return max(0.0, last + self._delay(count) - self.clock())

    def failed(self, key):
        now = self.clock()
        with self.lock:
            self.failures[key] = (self._left(key, now) + 1, now)
            self.recorded += 1
            if self.recorded % SWEEP_EVERY == 0:
                self.failures = {k: v for k, v in self.failures.items() if self._left(k, now) > 0}

    def forget(self, key):
        with self.lock:
            self.failures.pop(key, None)

    def _left(self, key, now):
        """The failures of `key` not forgiven yet at `now`."""
        count, last = self.failures.get(key, (0, now))
        return max(0.0, count - (now - last) * self.free / self.period)

    def _delay(self, count):
        failures = math.ceil(count)  # one partly forgiven still counts
        return 0.0 if failures < self.free else min(2.0 ** (failures - self.free), self.period)
