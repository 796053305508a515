"""The sky block keeps the positions of a minute (oracle/services/sky.py `_minute_positions`)
without losing its documented accuracy."""

import datetime as dt

from oracle.services import sky


def test_moments_of_the_same_minute_compute_the_positions_once():
    sky._minute_positions.cache_clear()
    first = sky.sky_block(dt.datetime(2024, 2, 29, 10, 15, 5, tzinfo=dt.UTC))
    again = sky.sky_block(
        dt.datetime(2024, 2, 29, 13, 45, 20, tzinfo=dt.timezone(dt.timedelta(hours=3.5)))
    )
    info = sky._minute_positions.cache_info()
    assert (info.misses, info.hits) == (1, 1)
    assert again["moment"] == "2024-02-29T13:45:20+03:30"
    assert again["moon"]["illumination"] == first["moon"]["illumination"]


def test_a_kept_minute_is_as_exact_as_the_moment_itself():
    moment = dt.datetime(2024, 3, 25, 7, 0, 29, tzinfo=dt.UTC)  # the full moon of 2024-03-25 07:00
    sky._minute_positions.cache_clear()
    kept = sky.sky_block(moment)
    exact = sky._minute_positions.__wrapped__(moment)
    assert abs(kept["moon"]["illumination"] - exact["illumination"]) <= 0.1
    assert abs(kept["moon"]["longitude"] - round(exact["moon"], 2)) <= 0.01
    # The phase instants and the age come from the exact moment: 29 s after the full moon.
    assert kept["next_full_moon"] != "2024-03-25T07:00:00+00:00"


def test_the_engine_benchmark_times_a_new_minute_for_every_sky_block():
    """`bench/engines.py` reports what a reading pays for its sky, not a kept minute."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "engines.py"
    spec = importlib.util.spec_from_file_location("bench_engines", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    case = {name: function for name, function, _target in bench.CASES}
    per_reading = case["sky block per reading (oracle.services.sky)"]
    sky._minute_positions.cache_clear()
    for _ in range(3):
        per_reading()
    assert sky._minute_positions.cache_info().misses == 3


def test_the_ephemeris_is_read_once_per_process_and_never_downloaded(monkeypatch):
    """The DE421 file and the time scale load on the first block only (every later block and
    year reuses them), from the file `skyfield-data` ships: a download would raise here."""
    import skyfield.api
    import skyfield.iokit

    loaders = []
    real_loader = skyfield.api.Loader

    def counting_loader(*args, **kwargs):
        loaders.append(args)
        return real_loader(*args, **kwargs)

    def no_download(*args, **kwargs):
        raise AssertionError(f"the sky tried to download {args}")

    monkeypatch.setattr(skyfield.api, "Loader", counting_loader)
    monkeypatch.setattr(skyfield.iokit, "download", no_download)
    sky._sky.cache_clear()
    sky._phase_events.cache_clear()
    sky._minute_positions.cache_clear()
    try:
        for day in range(1, 6):
            for year in (1950, 2024):
                assert sky.sky_block(dt.datetime(year, 3, day, 12, day, tzinfo=dt.UTC))
        assert sky.birth_signs(dt.date(1990, 5, 17), dt.UTC)
        assert len(loaders) == 1
        assert sky._minute_positions.cache_info().misses >= 10  # real positions each time
    finally:  # the next test loads the real one again
        sky._sky.cache_clear()
        sky._phase_events.cache_clear()
        sky._minute_positions.cache_clear()
