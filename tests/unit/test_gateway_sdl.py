"""The committed gateway/schema.graphql is the schema the code builds (the web app's types come from it)."""

from __future__ import annotations

from gateway import sdl


def test_committed_sdl_matches_the_code() -> None:
    committed = sdl.SDL_PATH.read_text(encoding="utf-8")
    assert committed == sdl.current_sdl(), "gateway/schema.graphql is stale: run `make schema` and commit it"


def test_check_mode_reports_a_stale_file(tmp_path, monkeypatch, capsys) -> None:
    stale = tmp_path / "schema.graphql"
    stale.write_text(sdl.current_sdl().replace("type Query", "type Query # edited by hand"), encoding="utf-8")
    monkeypatch.setattr(sdl, "SDL_PATH", stale)
    assert sdl.main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert sdl.main([]) == 0  # rewriting it makes the check pass again
    assert sdl.main(["--check"]) == 0
