#!/usr/bin/env python3
"""Do check and render agree on a dossier (or a batch)?

usage: agree.py CHECK.json CHECK-STATUS RENDER.json RENDER-STATUS

Both ran with --format json on the same files.  They agree when the exit
statuses are the same, each file is valid for both or for neither, and
every finding of render is one of check's (check lays out the documents of
a dossier with other errors too, which render does not draw, so it may
say more, never less).  Prints what differs; exits 1 when they disagree.
"""
import json
import sys


def findings(doc):
    return {f["file"]: (f["valid"], {(d["line"], d["severity"], d["rule"],
                                      d["message"])
                                     for d in f["diagnostics"]})
            for f in doc["files"]}


def main():
    cj, cs, rj, rs = sys.argv[1:5]
    with open(cj, encoding="utf-8") as f:
        c = findings(json.load(f))
    with open(rj, encoding="utf-8") as f:
        r = findings(json.load(f))
    bad = []
    if cs != rs:
        bad.append("exit: check %s, render %s" % (cs, rs))
    for name in sorted(set(c) | set(r)):
        cv, cd = c.get(name, (None, set()))
        rv, rd = r.get(name, (None, set()))
        if cv != rv:
            bad.append("%s: valid for check %s, for render %s" %
                       (name, cv, rv))
        for d in sorted(rd - cd):
            bad.append("%s:%d: render only: [%s] %s" %
                       (name, d[0], d[2], d[3]))
        if cv and cd != rd:
            for d in sorted(cd - rd):
                bad.append("%s:%d: check only: [%s] %s" %
                           (name, d[0], d[2], d[3]))
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
