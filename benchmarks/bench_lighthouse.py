"""Lighthouse over the built site: performance, accessibility and best practices of every deck and page.

    python benchmarks/bench_lighthouse.py [--site DIR] [--lang en] [--sample] [--only TEXT] [--gzip]
                                          [--json FILE] [--reports DIR]

Builds the site into a temporary folder (or takes ``--site DIR``, already built), serves it on
127.0.0.1 and runs Lighthouse (npm ``lighthouse``, a development dependency) on each page, one at
a time: Lighthouse's default mobile emulation (a mid-range phone, 412 px wide) with simulated
throttling (slow 4G, a CPU four times slower), headless Chromium (``/usr/bin/chromium`` or
``$CHROME_PATH``). Lighthouse is CPU-heavy, and its simulated times grow when the machine is busy
with other work: run it on a quiet machine.

Pages: every lesson deck, lesson page, class-plan deck, instructor's guide, printout and take-home
sheet of each language, plus the course home, progress, class view and education record. With
``--sample``: one page of each kind in each language, and the biggest class-plan deck (a quicker
run that still sees every template).

Python's server sends files as they are; a web server (nginx, Apache, GitHub Pages) compresses text
files, which is most of what a slow phone connection costs: ``--gzip`` serves them so.

Goals (issue "On a phone, fast"): performance at least 0.95 on every page, accessibility 1.0,
best practices as high as possible. The table prints each page's three scores, then the worst
of each, then for every page below a goal the audits that cost it points.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import serve  # noqa: E402

from misscourse.course import course  # noqa: E402
from misscourse.site.names import (  # noqa: E402
    DECK_SUFFIX, GUIDE_SUFFIX, SHEET_SUFFIX, class_name, index_name, progress_name, record_name)

GOALS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0}
CATEGORIES = list(GOALS)
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"


def kind_of(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    if base.startswith("plan-") and base.endswith(DECK_SUFFIX):
        return "plan deck"
    for suffix, kind in ((DECK_SUFFIX, "deck"), (GUIDE_SUFFIX, "guide"), (SHEET_SUFFIX, "take-home sheet")):
        if base.endswith(suffix):
            return kind
    if re.match(r"\d\d-[a-z0-9-]+\.html$", base):
        return "lesson page"
    if "/" not in name:
        return base.split(".")[0]  # index, progress, class, record
    return "printout"  # the glossary, the warning-signs card, the checklist


def site_pages(site: Path, langs: list[str]) -> list[str]:
    """Every HTML page a learner or an instructor opens, by language, as paths relative to the site."""
    c = course()
    default = c.languages[0]
    names = []
    for lang in langs:
        names += [index_name(lang, default), progress_name(lang, default),
                  class_name(lang, default), record_name(lang, default)]
        names += sorted(p.relative_to(site).as_posix() for p in (site / lang).glob("*.html"))
    return [n for n in names if (site / n).exists()]


def sample(site: Path, names: list[str]) -> list[str]:
    """One page of each kind in each language, and the biggest plan deck of each language."""
    chosen, seen = [], set()
    for name in names:
        lang = name.split("/")[0] if "/" in name else name.split(".")[1] if name.count(".") > 1 else "default"
        key = (kind_of(name), lang)
        if key not in seen:
            seen.add(key)
            chosen.append(name)
    plans = [n for n in names if kind_of(n) == "plan deck"]
    for lang in {n.split("/")[0] for n in plans}:
        biggest = max((n for n in plans if n.startswith(lang + "/")), key=lambda n: (site / n).stat().st_size)
        if biggest not in chosen:
            chosen.append(biggest)
    return chosen


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed when the browser asks for it, as a web server (nginx,
    Apache, GitHub Pages) serves a static site; Python's own server never compresses."""

    TEXT = (".html", ".css", ".js", ".svg", ".json", ".txt")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if (not path.is_file() or not path.name.endswith(self.TEXT)
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        data = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


def serve_compressed(folder: Path):
    return serve(folder, _GzipHandler)


def chrome_path() -> str:
    return os.environ.get("CHROME_PATH") or "/usr/bin/chromium"


def run_lighthouse(url: str, out_json: Path) -> dict:
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out_json}",
           f"--chrome-path={chrome_path()}",
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
           "--disable-component-update --disable-sync",
           "--only-categories=" + ",".join(CATEGORIES), "--max-wait-for-load=60000"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 or not out_json.exists():
        raise RuntimeError(f"lighthouse failed on {url}: {proc.stderr.strip()[-800:]}")
    return json.loads(out_json.read_text(encoding="utf-8"))


def scores(report: dict) -> dict[str, float]:
    return {k: report["categories"][k]["score"] for k in CATEGORIES}


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits of one category that cost points, with their weight and what Lighthouse measured."""
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        score = audit.get("score")
        if score is None or score >= 0.9 or (ref.get("weight", 0) == 0 and category != "performance"):
            continue
        value = audit.get("displayValue", "")
        items = (audit.get("details") or {}).get("items") or []
        items = items if isinstance(items, list) else []
        where = []
        for item in items[:3]:
            node = item.get("node") or {}
            where.append(str(item.get("url") or node.get("selector") or node.get("snippet") or "")[:90])
        out.append(f"{ref['id']} (score {score:.2f}, weight {ref.get('weight', 0)}) {value} "
                   + ("; ".join(w for w in where if w)))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    ap.add_argument("--lang", action="append", help="only this language (repeatable)")
    ap.add_argument("--sample", action="store_true", help="one page of each kind per language, and the biggest plan deck")
    ap.add_argument("--only", help="only pages whose path contains this text")
    ap.add_argument("--gzip", action="store_true",
                    help="serve text files gzip-compressed, as a web server does (default: Python's plain server)")
    ap.add_argument("--json", type=Path, help="write the scores and failing audits to this file")
    ap.add_argument("--reports", type=Path, help="keep each page's full Lighthouse report (JSON) in this folder")
    args = ap.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"error: {LIGHTHOUSE} is missing; run 'npm ci' in {REPO}", file=sys.stderr)
        return 2

    c = course()
    langs = args.lang or list(c.languages)
    tmp = tempfile.TemporaryDirectory(prefix="miss-lh-")
    site = args.site
    if site is None:
        from misscourse.build import build
        site = Path(tmp.name) / "site"
        if build(site, langs=langs) != 0:
            return 1
    site = site.resolve()
    names = site_pages(site, langs)
    if args.sample:
        names = sample(site, names)
    if args.only:
        names = [n for n in names if args.only in n]

    results, problems = [], {}
    version = json.loads((REPO / "node_modules" / "lighthouse" / "package.json").read_text())["version"]
    print(f"Lighthouse {version}, mobile, simulated throttling; "
          f"{len(names)} pages served {'gzip-compressed' if args.gzip else 'uncompressed'} on 127.0.0.1")
    with (serve_compressed(site) if args.gzip else serve(site)) as base:
        width = max(len(n) for n in names) + 2
        print(f"{'page':<{width}} {'kind':<16} {'perf':>5} {'a11y':>5} {'best':>5}  LCP     CLS    TBT")
        for i, name in enumerate(names):
            folder = args.reports or Path(tmp.name)
            folder.mkdir(parents=True, exist_ok=True)
            report = run_lighthouse(base + name, folder / (name.replace("/", "-") + ".json"))
            s = scores(report)
            audits = report["audits"]
            lcp = audits["largest-contentful-paint"].get("displayValue", "")
            cls = audits["cumulative-layout-shift"].get("displayValue", "")
            tbt = audits["total-blocking-time"].get("displayValue", "")
            print(f"{name:<{width}} {kind_of(name):<16} {s['performance']:>5.2f} {s['accessibility']:>5.2f} "
                  f"{s['best-practices']:>5.2f}  {lcp:<7} {cls:<6} {tbt}", flush=True)
            results.append({"page": name, "kind": kind_of(name), **s, "lcp": lcp, "cls": cls, "tbt": tbt})
            below = {k: failing_audits(report, k) for k in CATEGORIES if s[k] is not None and s[k] < GOALS[k]}
            if below:
                problems[name] = below

    print()
    for k in CATEGORIES:
        worst = min(results, key=lambda r: r[k] if r[k] is not None else -1)
        print(f"worst {k}: {worst[k]:.2f} on {worst['page']} (goal {GOALS[k]})")
    if problems:
        print("\nBelow a goal, the audits that cost points:")
        for name, cats in problems.items():
            print(f"  {name}")
            for cat, audits in cats.items():
                print(f"    {cat}:")
                for a in audits or ["(no single audit under 0.9)"]:
                    print(f"      {a}")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "below_goal": problems}, indent=1, ensure_ascii=False),
                             encoding="utf-8")
    ok = all(r[k] is not None and r[k] >= GOALS[k] for r in results for k in ("performance", "accessibility"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
