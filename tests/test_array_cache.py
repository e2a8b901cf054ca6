"""The array cache: computed once, read back the same, computed afresh when the data, the code or the settings
change; and a dataset's training windows come from it on a second run."""

import numpy as np

from recognizer.datasets import array_cache
from recognizer.datasets.array_cache import ArrayCache


def test_arrays_are_computed_once_and_read_back_the_same(tmp_path):
    cache, calls = ArrayCache(tmp_path), []

    def compute():
        calls.append(1)
        return {"X": np.arange(6, dtype=np.float16).reshape(2, 3), "y": np.array(["a", "b"])}
    first = cache.get_or_compute("windows/test", "k1", compute)
    again = cache.get_or_compute("windows/test", "k1", compute)
    assert len(calls) == 1 and set(again) == {"X", "y"}
    assert all(np.array_equal(first[name], again[name]) and first[name].dtype == again[name].dtype for name in first)
    cache.get_or_compute("windows/test", "k2", compute)
    assert len(calls) == 2


def test_an_unreadable_entry_is_computed_again_and_off_keeps_nothing(tmp_path):
    cache = ArrayCache(tmp_path)
    cache.entry("x", "k").parent.mkdir(parents=True)
    cache.entry("x", "k").write_bytes(b"not an npz")
    assert cache.get("x", "k") is None
    assert cache.get_or_compute("x", "k", lambda: {"a": np.ones(2)})["a"].sum() == 2
    assert cache.get("x", "k")["a"].sum() == 2
    off = ArrayCache(False)
    off.put("x", "k", {"a": np.ones(2)})
    assert off.get("x", "k") is None


def test_keys_follow_the_data_and_the_settings_but_not_their_order(tmp_path):
    folder = tmp_path / "data"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "1.json").write_text("[1]")
    before = array_cache.data_fingerprint(folder)
    (folder / "a" / "1.json").write_text("[2]")
    changed = array_cache.data_fingerprint(folder)
    (folder / "a" / "1.json").rename(folder / "a" / "2.json")
    assert len({before, changed, array_cache.data_fingerprint(folder)}) == 3
    assert array_cache.key(seed=0, data="d") == array_cache.key(data="d", seed=0) != array_cache.key(seed=1, data="d")
    assert array_cache.code_fingerprint(np) != array_cache.code_fingerprint(array_cache)


def test_a_datasets_windows_come_from_the_cache_on_the_second_run(tmp_path, g3d_dir, monkeypatch):
    from recognizer.training import window_sets
    from recognizer.training.windows import WindowSampling
    (tmp_path / "g3d").mkdir()
    (tmp_path / "g3d" / "3").symlink_to(g3d_dir / "3")
    sampling, cache = WindowSampling(2, 0.5, 1), ArrayCache(tmp_path / "cache")
    first = window_sets.dataset_windows("g3d", tmp_path / "g3d", sampling, 0, cache)
    assert len(first.y) > 0 and set(first.subject) == {3} and first.X.dtype == np.float16

    def no_loading(*args):
        raise AssertionError("the windows were computed again")
    monkeypatch.setattr(window_sets.streams, "load", no_loading)
    again = window_sets.dataset_windows("g3d", tmp_path / "g3d", sampling, 0, cache)
    assert np.array_equal(first.X, again.X) and list(first.y) == list(again.y)


def test_the_code_key_follows_every_module_imported_and_no_other(tmp_path, monkeypatch):
    """The key of a computation's code holds what it imports, at any depth, so no list kept by hand can miss one."""
    package = tmp_path / "keypkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "compute.py").write_text("from keypkg import helper\n\ndef run():\n    return helper.value()\n")
    (package / "helper.py").write_text("def value():\n    from keypkg.deep import VALUE\n    return VALUE\n")
    (package / "deep.py").write_text("VALUE = 1\n")
    (package / "unrelated.py").write_text("OTHER = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(array_cache, "FIRST_PARTY", ("keypkg",))
    import keypkg.compute

    def key():
        array_cache._imports_of.cache_clear()
        return array_cache.code_fingerprint(keypkg.compute)
    first = key()
    assert array_cache._imported("keypkg.compute") >= {"keypkg.compute", "keypkg.helper", "keypkg.deep"}
    (package / "unrelated.py").write_text("OTHER = 2\n")
    assert key() == first
    (package / "deep.py").write_text("VALUE = 2\n")  # imported inside a function, two modules away
    assert key() != first


def test_the_training_windows_key_holds_the_code_that_makes_them():
    from recognizer.training import window_sets
    imported = array_cache._imported(window_sets.__name__)
    assert {"recognizer.runtime.features", "recognizer.runtime.augment", "recognizer.runtime.skeleton",
            "recognizer.training.windows", "recognizer.training.streams", "recognizer.datasets.g3d"} <= imported
    assert "recognizer.runtime.model" not in imported  # a model does not change the windows it trains on
