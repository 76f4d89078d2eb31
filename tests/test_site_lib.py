"""The site's lib/ folder after a rebuild holds only what the build writes and the pages use."""

from __future__ import annotations

from misscourse.site.libraries import remove_stale_files


def _site(tmp_path):
    site = tmp_path / "site"
    (site / "lib" / "img").mkdir(parents=True)
    (site / "lib" / "reveal.js" / "dist").mkdir(parents=True)
    (site / "en").mkdir()
    for name in ("course.css", "reveal.js/dist/reveal.js", "img/aaaa.svg", "img/bbbb.svg", "img/cccc.png"):
        (site / "lib" / name).write_text("x", encoding="utf-8")
    (site / "en" / "01-x.html").write_text('<img src="../lib/img/aaaa.svg" alt="a">', encoding="utf-8")
    (site / "index.html").write_text("<img src='lib/img/cccc.png' alt='c'>", encoding="utf-8")
    return site


def test_a_diagram_no_page_links_is_removed_and_the_linked_ones_stay(tmp_path):
    site = _site(tmp_path)
    written = [site / "lib" / "course.css", site / "lib" / "reveal.js" / "dist" / "reveal.js"]
    removed = remove_stale_files(site, written)
    assert [p.relative_to(site).as_posix() for p in removed] == ["lib/img/bbbb.svg"]
    assert (site / "lib" / "img" / "aaaa.svg").exists() and (site / "lib" / "img" / "cccc.png").exists()
    assert (site / "lib" / "course.css").exists()


def test_a_shared_file_the_build_no_longer_writes_is_removed_with_its_empty_folder(tmp_path):
    site = _site(tmp_path)
    removed = remove_stale_files(site, [site / "lib" / "course.css"])
    assert {p.relative_to(site).as_posix() for p in removed} == {"lib/reveal.js/dist/reveal.js", "lib/img/bbbb.svg"}
    assert not (site / "lib" / "reveal.js").exists()
    assert (site / "lib" / "course.css").exists()


def test_nothing_outside_lib_and_no_hidden_file_is_touched(tmp_path):
    site = _site(tmp_path)
    (site / "en" / "stray.svg").write_text("x", encoding="utf-8")
    (site / "lib" / ".course.css.123.tmp").write_text("x", encoding="utf-8")
    remove_stale_files(site, [])
    assert (site / "en" / "stray.svg").exists() and (site / "en" / "01-x.html").exists()
    assert (site / "lib" / ".course.css.123.tmp").exists()
    assert (site / "lib" / "img" / "aaaa.svg").exists()


def test_a_site_without_lib_is_left_alone(tmp_path):
    assert remove_stale_files(tmp_path, []) == []
