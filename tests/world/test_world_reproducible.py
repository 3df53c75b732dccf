"""Same seed, same bytes; another seed, other data in the same shape; the committed world
is exactly what the generator draws for the default seed."""

from __future__ import annotations

from world_helpers import DEFAULT_SEED, committed, files, generated, truth_files

from investigator_course.manifest import verify_manifest
from investigator_course.world import bank, recruitment
from investigator_course.world.schemas import DATASETS
from investigator_course.world.shared import build_shared

SMALL = 0.2


def test_same_seed_gives_byte_identical_files():
    first_data, first_truth = generated(7, SMALL, 0)
    second_data, second_truth = generated(7, SMALL, 1)
    a, b = files(first_data), files(second_data)
    assert a.keys() == b.keys()
    different = [name for name in a if a[name] != b[name]]
    assert not different, f"the same seed gave different bytes in {different}"
    assert truth_files(first_truth) == truth_files(second_truth), "ground truth differs"


def test_another_seed_gives_other_data_with_the_same_files_and_headers():
    a, b = files(generated(7, SMALL, 0)[0]), files(generated(8, SMALL)[0])
    assert a.keys() == b.keys(), "another seed wrote a different set of files"
    for name in a:
        if name.endswith(".csv"):
            header_a = a[name].split(b"\n", 1)[0]
            header_b = b[name].split(b"\n", 1)[0]
            assert header_a == header_b, f"{name}: headers differ between seeds"
    fixed = {"cases/zip3_population.csv"}
    same = [n for n in a if n.endswith(".csv") and n not in fixed and a[n] == b[n]]
    assert not same, f"these files did not change with the seed: {same}"


def test_committed_datasets_are_what_the_generator_draws_for_the_default_seed():
    fresh_data, fresh_truth = generated(DEFAULT_SEED, 1.0)
    repo_data, repo_truth = committed()
    fresh, repo = files(fresh_data), files(repo_data)
    assert fresh.keys() == repo.keys(), (
        f"datasets/ has other files than the generator writes: "
        f"{sorted(fresh.keys() ^ repo.keys())}; run `investigator-course datasets`")
    stale = [name for name in fresh if fresh[name] != repo[name]]
    assert not stale, (f"datasets/ is out of date with the generator in {stale}; "
                       "run `investigator-course datasets` and commit the result")
    assert truth_files(fresh_truth) == truth_files(repo_truth), (
        "course/ground_truth is out of date; run `investigator-course datasets`")


def test_every_committed_dataset_folder_matches_its_manifest():
    repo_data, _ = committed()
    for name in DATASETS:
        report = verify_manifest(repo_data / name)
        assert report.ok, f"datasets/{name}: {report}"


def test_datasets_draw_from_independent_streams():
    """Building the bank first must not change what recruitment draws."""
    alone = recruitment.build(build_shared(5, SMALL), 5, SMALL).tables
    world = build_shared(5, SMALL)
    bank.build(world, 5, SMALL)
    after_bank = recruitment.build(world, 5, SMALL).tables
    assert alone == after_bank
