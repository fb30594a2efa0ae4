def test_the_limiter_storage_sweeps_without_changing_a_decision(monkeypatch):
    import time

    from limits import parse, strategies

    from live.web.security import SweptMemoryStorage
    storage = SweptMemoryStorage("swept-memory://")
    limiter = strategies.MovingWindowRateLimiter(storage)
    limit = parse("3 per second")
    assert [limiter.hit(limit, "a") for _ in range(4)] == [True, True, True, False]
    storage._MemoryStorage__expire_events()
    assert not limiter.hit(limit, "a")  # a sweep inside the window forgets nothing
    later = time.time() + 1.5
    monkeypatch.setattr(time, "time", lambda: later)
    storage._MemoryStorage__expire_events()
    assert storage.events == {} and storage.locks == {}  # expired keys are dropped, no lock is made
    assert limiter.hit(limit, "a")
