"""deploy/kubernetes/: the files are valid, and say what the one-server deployment says.

No cluster, no Helm, no Docker and no network here. What these tests do check:

* every YAML file parses;
* the Zero to JupyterHub values, merged over the chart's defaults as Helm merges them,
  validate against the chart's own values schema for the pinned version (both vendored
  under vendor/z2jh-4.4.0/ from the chart's repository);
* every key of the ngshare values is one of ngshare's chart (vendor/ngshare-0.6.0/);
* every Python snippet compiles, and the hub's role hook, run on stand-in spawners, gives
  instructors (and only them) the course volume, their image and their settings;
* the image's nbgrader config gives every exchange operation nbgrader has the class
  ngshare_exchange 0.5.3 itself configures (vendor/ngshare_exchange-0.5.3/);
* the Dockerfile copies only files the repository has, and pins what the README says;
* the role settings, limits and idle time are those `investigator-course hub setup`
  writes for the VM (read from investigator_course/hub/setup.py, not copied here).
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import re
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
import yaml
from nbgrader.exchange.exchange_factory import ExchangeFactory
from traitlets.config import Config

from investigator_course.hub import setup
from investigator_course.nbgrader_integration.config import load_config

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "kubernetes"
VENDOR = Path(__file__).resolve().parent / "vendor"
Z2JH = VENDOR / "z2jh-4.4.0"
NGSHARE = VENDOR / "ngshare-0.6.0"
NGSHARE_EXCHANGE = VENDOR / "ngshare_exchange-0.5.3"
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


@pytest.fixture(scope="module")
def values() -> dict:
    return load_yaml(K8S / "z2jh-values.yaml")


@pytest.fixture(scope="module")
def schema() -> dict:
    return load_yaml(Z2JH / "values.schema.yaml")


def merged(defaults: dict, overrides: dict) -> dict:
    """Helm's coalescing of the user's values over the chart's: maps merge, the rest replace."""
    result = copy.deepcopy(defaults)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def vm_defaults() -> argparse.Namespace:
    """`investigator-course hub setup`'s own defaults (memory, CPUs, groups, idle time)."""
    parser = argparse.ArgumentParser()
    setup.add_arguments(parser)
    return parser.parse_args([])


def role_hook(values: dict) -> str:
    return values["hub"]["extraConfig"]["10-course-roles.py"]


def hook_constant(values: dict, name: str) -> str:
    for node in ast.parse(role_hook(values)).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not set in the role hook")


def test_every_yaml_file_parses():
    files = sorted(K8S.glob("*.yaml"))
    assert {f.name for f in files} >= {"z2jh-values.yaml", "ngshare-values.yaml",
                                       "course-volume.yaml"}
    for path in files:
        documents = list(yaml.load_all(path.read_text(encoding="utf-8"), Loader=Loader))
        assert documents and all(isinstance(d, dict) for d in documents), path.name


def test_z2jh_values_validate_against_the_charts_schema(values, schema):
    defaults = load_yaml(Z2JH / "values.yaml")
    jsonschema.validate(merged(defaults, values), schema)
    # the check bites: a misspelt key is refused, as `helm install` would refuse it
    wrong = merged(defaults, {"singleuser": {"memmory": {"limit": "2G"}}})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, schema)


def test_vendored_chart_files_are_the_pinned_version():
    for path in (Z2JH / "values.schema.yaml", Z2JH / "values.yaml"):
        assert "at tag 4.4.0 (chart version 4.4.0)" in path.read_text(encoding="utf-8")
    for vendored in (Z2JH, NGSHARE, NGSHARE_EXCHANGE):
        text = (vendored / "LICENSE").read_text(encoding="utf-8")
        assert "Redistribution and use in source and binary forms" in text
    readme = (K8S / "README.md").read_text(encoding="utf-8")
    z2jh_values = (K8S / "z2jh-values.yaml").read_text(encoding="utf-8")
    ngshare_values = (K8S / "ngshare-values.yaml").read_text(encoding="utf-8")
    assert "--version 4.4.0" in readme and "--version 4.4.0" in z2jh_values
    assert "--version 0.6.0" in readme and "--version 0.6.0" in ngshare_values


def key_paths(tree: dict, prefix: str = "") -> dict[str, object]:
    paths = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        paths[path] = value
        if isinstance(value, dict) and value:
            paths.update(key_paths(value, path + "."))
    return paths


def test_ngshare_values_use_only_keys_of_ngshares_chart():
    chart = key_paths(load_yaml(NGSHARE / "values.yaml"))
    ours = key_paths(load_yaml(K8S / "ngshare-values.yaml"))
    open_maps = ("deployment.resources.",)  # Kubernetes' own resources object
    unknown = [p for p in ours if p not in chart and not p.startswith(open_maps)]
    assert not unknown, f"not in ngshare's chart 0.6.0: {unknown}"
    for path, value in ours.items():
        if path in chart and chart[path] is not None:
            assert isinstance(value, type(chart[path])), path


def python_snippets(values: dict) -> dict[str, str]:
    snippets = {f"hub.extraConfig.{k}": v for k, v in values["hub"]["extraConfig"].items()}
    for key, item in values["singleuser"]["extraFiles"].items():
        if item["mountPath"].endswith(".py"):
            snippets[f"singleuser.extraFiles.{key}"] = item["stringData"]
    snippets["nbgrader_config.py"] = (K8S / "nbgrader_config.py").read_text(encoding="utf-8")
    return snippets


def test_every_python_snippet_compiles(values):
    snippets = python_snippets(values)
    assert len(snippets) >= 5
    for name, source in snippets.items():
        compile(source, name, "exec")


class Spawner(SimpleNamespace):
    """What the hook reads and sets of KubeSpawner, as the chart's config leaves it."""


def spawner_for(groups: list[str], base: dict) -> Spawner:
    return Spawner(user=SimpleNamespace(groups=[SimpleNamespace(name=g) for g in groups]),
                   environment=dict(base["environment"]), volumes=dict(base["volumes"]),
                   volume_mounts=dict(base["volume_mounts"]),
                   init_containers=list(base["init_containers"]),
                   image=base["image"], notebook_dir="")


def test_the_role_hook_gives_the_course_to_instructors_only(values):
    c = Config()
    c.KubeSpawner.image = "registry.example/investigator-course:2026.1"
    exec(compile(role_hook(values), "10-course-roles.py", "exec"), {"c": c})
    hook = c.KubeSpawner.pre_spawn_hook
    home = {"name": "volume-{user_server}"}
    base = {"environment": {"NGSHARE_URL": "x"}, "volumes": {"volume-{user_server}": home},
            "volume_mounts": {"volume-{user_server}": home}, "init_containers": [],
            "image": c.KubeSpawner.image}
    roles = values["singleuser"]["extraFiles"]
    role_dirs = {str(Path(f["mountPath"]).parent).removesuffix("/labconfig") for f in
                 roles.values()}

    trainee = spawner_for([vm_defaults().trainees_group], base)
    hook(trainee)
    assert trainee.image == "registry.example/investigator-course:2026.1"
    assert set(trainee.volumes) == set(trainee.volume_mounts) == {"volume-{user_server}"}
    assert trainee.init_containers == []
    assert trainee.environment["JUPYTER_CONFIG_PATH"] in role_dirs
    assert trainee.environment["JUPYTER_CONFIG_PATH"].endswith("/trainees")
    assert "INVESTIGATOR_COURSE_ROOT" not in trainee.environment
    assert trainee.environment["NGSHARE_URL"] == "x"

    nobody = spawner_for([], base)  # in no group: a trainee, never an instructor
    hook(nobody)
    assert "course" not in nobody.volumes and nobody.image == trainee.image

    instructor = spawner_for([vm_defaults().instructors_group], base)
    for _ in range(2):  # a second start must not add the volume or the copy twice
        hook(instructor)
    assert instructor.image == "registry.example/investigator-course:2026.1-instructor"
    claim = instructor.volumes["course"]["persistentVolumeClaim"]["claimName"]
    assert claim == load_yaml(K8S / "course-volume.yaml")["metadata"]["name"]
    root = instructor.volume_mounts["course"]["mountPath"]
    assert instructor.environment["INVESTIGATOR_COURSE_ROOT"] == root
    assert instructor.notebook_dir == f"{root}/course"
    assert instructor.environment["JUPYTER_CONFIG_PATH"].endswith("/instructors")
    assert instructor.environment["JUPYTER_CONFIG_PATH"] in role_dirs
    assert [i["name"] for i in instructor.init_containers] == ["copy-course"]

    # an instructor moved out of the group loses it all at the next start
    instructor.user.groups = []
    hook(instructor)
    assert "course" not in instructor.volumes and "course" not in instructor.volume_mounts
    assert instructor.init_containers == [] and instructor.image == trainee.image
    assert "INVESTIGATOR_COURSE_ROOT" not in instructor.environment


def vm_role_files(tmp_path: Path, *, instructor: bool) -> Path:
    """The role folder `hub setup` writes on a VM, written by its own function."""
    settings = {"course_id": load_config(ROOT / "course").course_id,
                "exchange": "/srv/nbgrader/exchange", "course_dir": "/srv/course",
                "timezone": "UTC"}
    folder = tmp_path / ("instructors" if instructor else "trainees")
    setup.write_role_config(folder, settings, instructor=instructor)
    return folder


def nbgrader_settings(source: str) -> dict[str, object]:
    """`c.Section.name = value` lines of an nbgrader config, as {"Section.name": value}."""
    found = {}
    for node in ast.parse(source).body:
        if (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Attribute)
                and isinstance(node.targets[0].value, ast.Attribute)):
            target = node.targets[0]
            try:
                value = ast.literal_eval(node.value)
            except ValueError:  # an expression, e.g. os.environ.get(...)
                value = ast.unparse(node.value)
            found[f"{target.value.attr}.{target.attr}"] = value
    return found


@pytest.mark.parametrize("role", ["trainees", "instructors"])
def test_role_settings_are_those_hub_setup_writes(values, tmp_path, role):
    vm = vm_role_files(tmp_path, instructor=role == "instructors")
    files = {Path(f["mountPath"]).relative_to(f"/etc/investigator-course/jupyter/{role}"): f
             for f in values["singleuser"]["extraFiles"].values()
             if f["mountPath"].startswith(f"/etc/investigator-course/jupyter/{role}/")}
    vm_files = {p.relative_to(vm) for p in vm.rglob("*") if p.is_file()
                and "data" not in p.relative_to(vm).parts}  # data/: MathJax, in the image
    assert set(files) == vm_files
    for name, item in files.items():
        ours_text = item.get("stringData")
        theirs = (vm / name).read_text(encoding="utf-8")
        if name.suffix == ".json":
            assert item["data"] == json.loads(theirs), f"{role}/{name}"
        elif name.name == "nbgrader_config.py":
            ours, vm_settings = nbgrader_settings(ours_text), nbgrader_settings(theirs)
            # the exchange is ngshare here (the image's global config), a folder on a VM
            assert set(ours) == set(vm_settings) - {"Exchange.root"}, f"{role}/{name}"
            assert ours["CourseDirectory.course_id"] == vm_settings["CourseDirectory.course_id"]
            if role == "instructors":
                root = hook_constant(values, "COURSE_ROOT")
                assert ours["CourseDirectory.root"] == f"{root}/course"
                assert ours["CourseDirectory.groupshared"] is True
        else:
            assert ast.dump(ast.parse(ours_text)) == ast.dump(ast.parse(theirs)), name


def test_the_frame_ancestors_policy_is_setups(values):
    for item in values["singleuser"]["extraFiles"].values():
        if item["mountPath"].endswith("jupyter_server_config.json"):
            headers = item["data"]["ServerApp"]["tornado_settings"]["headers"]
            assert headers == setup.FRAMING_POLICY


def test_limits_idle_time_and_groups_are_the_vms(values):
    vm = vm_defaults()
    assert values["singleuser"]["memory"]["limit"] == vm.memory
    assert values["singleuser"]["cpu"]["limit"] == vm.cpus
    assert values["cull"]["enabled"] is True
    assert values["cull"]["timeout"] == vm.idle_minutes * 60
    assert hook_constant(values, "INSTRUCTORS") == vm.instructors_group
    groups = values["hub"]["config"]["JupyterHub"]["load_groups"]
    assert set(groups) == {vm.instructors_group, vm.trainees_group}
    role_config = hook_constant(values, "ROLE_CONFIG")
    for item in values["singleuser"]["extraFiles"].values():
        assert item["mountPath"].startswith(role_config + "/")


def vendored_configure_exchange() -> tuple[dict[str, str], str]:
    """ngshare_exchange 0.5.3's configureExchange: {factory trait: module.Class}."""
    source = (NGSHARE_EXCHANGE / "configure_exchange.py.txt").read_text(encoding="utf-8")
    tree = ast.parse(source)
    modules = {a.asname or a.name: f"ngshare_exchange.{node.module}.{a.name}"
               for node in tree.body if isinstance(node, ast.ImportFrom)
               for a in node.names}
    classes = {}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Attribute)
                and getattr(node.targets[0].value, "attr", None) == "ExchangeFactory"
                and isinstance(node.value, ast.Name)):
            classes[node.targets[0].attr] = modules[node.value.id]
    return classes, source


def test_the_image_uses_the_exchange_ngshare_exchange_provides():
    classes, source = vendored_configure_exchange()
    # the pinned release's configureExchange replaces every exchange operation this
    # nbgrader has, each with a class of its own modules
    operations = set(ExchangeFactory.class_trait_names(config=True))
    assert set(classes) == operations, set(classes) ^ operations
    assert all(name.startswith("ngshare_exchange.") for name in classes.values())
    assert "def configureExchange(c, ngshare_url=None):" in source
    # the image's config calls it, as ngshare's guide does, with the address
    tree = ast.parse((K8S / "nbgrader_config.py").read_text(encoding="utf-8"))
    imports = {(n.module, a.name) for n in tree.body if isinstance(n, ast.ImportFrom)
               for a in n.names}
    assert ("ngshare_exchange", "configureExchange") in imports
    (call,) = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
               and getattr(n.func, "id", None) == "configureExchange"]
    assert [a.id for a in call.args[:1]] == ["c"] and len(call.args) == 2
    assert "ngshare_exchange==0.5.3" in (K8S / "Dockerfile").read_text(encoding="utf-8")


def dockerfile_copies() -> list[list[str]]:
    text = (K8S / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    copies = []
    for line in text.splitlines():
        words = line.split()
        if words[:1] == ["COPY"]:
            copies.append(words[1:])
    return copies


def test_the_dockerfiles_copy_sources_exist():
    copies = dockerfile_copies()
    from_context = [c for c in copies if not any(w.startswith("--from=") for w in c)]
    assert from_context, "no COPY from the build context"
    for words in from_context:
        sources = [w for w in words if not w.startswith("--")][:-1]
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
    stages = re.findall(r"^FROM \S+ AS (\w+)", (K8S / "Dockerfile").read_text(), re.M)
    assert {"build", "trainee", "instructor"} <= set(stages)
    # the trainees' image takes nothing of the course but the package itself: no answer
    # keys, hidden tests or ground truth in a file a trainee's pod can read
    text = (K8S / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    trainee_stage = text.split("AS trainee", 1)[1].split("AS instructor", 1)[0]
    taken = set()
    for line in trainee_stage.splitlines():
        if line.startswith("COPY"):
            taken |= {Path(w).name for w in line.split()[1:-1] if not w.startswith("--")}
    assert taken == {"pyproject.toml", "README.md", "LICENSE", "investigator_course",
                     "nbgrader_config.py"}, taken


def test_the_base_image_is_pinned():
    base = re.search(r"^ARG BASE=(\S+)", (K8S / "Dockerfile").read_text(), re.M).group(1)
    assert re.fullmatch(r"quay\.io/jupyter/minimal-notebook:\d{4}-\d{2}-\d{2}", base), base


def test_ngshare_exchange_classes_load_with_this_nbgrader(monkeypatch, tmp_path):
    """Only where ngshare_exchange is installed (the image; not `make install`): the
    image's config, loaded by this environment's nbgrader, gives every operation
    ngshare_exchange's class and its address, and ngshare-course-management finds the
    address the way it does (nbgrader's config files). No request is made."""
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")  # read when ngshare_exchange is imported
    pytest.importorskip("ngshare_exchange")
    import ngshare_exchange.course_management as course_management
    from nbgrader.apps import NbGrader
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory

    url = "http://ngshare.academy.svc.cluster.local:8080/services/ngshare"
    monkeypatch.setenv("NGSHARE_URL", url)
    (tmp_path / "nbgrader_config.py").write_text(
        (K8S / "nbgrader_config.py").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    app = NbGrader()
    app.load_config_file()
    factory = ExchangeFactory(config=app.config)
    for name in ExchangeFactory.class_trait_names(config=True):
        assert getattr(factory, name).__module__.startswith("ngshare_exchange."), name
    collect = factory.Collect(coursedir=CourseDirectory(config=app.config),
                              authenticator=Authenticator(config=app.config),
                              config=app.config)
    assert collect.ngshare_url == url
    monkeypatch.delattr(course_management, "_ngshare_url", raising=False)
    assert course_management.ngshare_url() == url


def test_user_pods_reach_ngshare_and_no_other_private_address(values):
    policy = values["singleuser"]["networkPolicy"]
    assert "privateIPs" not in policy.get("egressAllowRules", {})  # the chart's false stays
    chart = load_yaml(NGSHARE / "values.yaml")
    ours = load_yaml(K8S / "ngshare-values.yaml")
    port = ours.get("deployment", {}).get("port", chart["deployment"]["port"])
    (rule,) = policy["egress"]
    # ngshare's pods carry app.kubernetes.io/name: <chart name> (its _helpers.tpl)
    assert rule["to"] == [{"podSelector": {"matchLabels": {"app.kubernetes.io/name":
                                                            "ngshare"}}}]
    assert rule["ports"] == [{"protocol": "TCP", "port": port}]
    assert values["hub"]["services"]["ngshare"]["url"] == f"http://ngshare:{port}"
