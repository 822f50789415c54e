"""`flashback doctor` on template overrides: missing folder, syntax errors, misnamed files."""

from __future__ import annotations

from pathlib import Path

from bot.ops.doctor import check_templates
from bot.paths import shipped_templates_dir
from bot.settings import load_settings


def test_template_overrides(tmp_path: Path) -> None:
    (finding,) = check_templates(load_settings(templates_dir=tmp_path / "nope"))
    assert finding.status == "fail" and "not a directory" in finding.message

    shipped = sorted(p for p in shipped_templates_dir().rglob("*") if p.is_file())
    real = shipped[0].relative_to(shipped_templates_dir()).as_posix()
    overrides = tmp_path / "templates"
    (overrides / real).parent.mkdir(parents=True)
    (overrides / real).write_text("{% if %}broken", "utf-8")
    typo = real.replace(".j2", ".jinja")
    (overrides / typo).write_text("fine", "utf-8")
    findings = check_templates(load_settings(templates_dir=overrides))
    assert any(
        f.status == "fail" and real in f.message and "compile" in f.message for f in findings
    )
    (typo_finding,) = [f for f in findings if typo in f.message]
    assert typo_finding.status == "warn" and f"did you mean {real}" in typo_finding.fix
