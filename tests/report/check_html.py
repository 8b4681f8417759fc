#!/usr/bin/env python3
"""check_html.py FILE CHECK [ARG] — one check over an HTML report; exit 0 pass, 1 fail,
printing the reason on failure. Checks:
  balanced        strict tag balance with html.parser (every non-void element closed in order,
                  nothing left open, one <html>, no duplicate id)
  offline         no <script, no on* event attributes, no src=/href= to http(s): or //,
                  no url(...) or @import in CSS, no <link>, <iframe>, <object>, <embed>
  svg-count N     at least N <svg> elements
  clean-bytes     valid UTF-8 and no control bytes other than tab / newline / CR
  contains TEXT   the text occurs
  absent TEXT     the text does not occur
  verdict ID:CLS  the verdict row of requirement ID shows badge class CLS (pass/fail/unseen)
"""
import html.parser
import re
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Balance(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.ids, self.tags = [], [], set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._id(attrs)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._id(attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            top = self.stack[-1] if self.stack else ("(nothing)", None)
            self.errors.append("</%s> at %s closes <%s> opened at %s" % (tag, self.getpos(), top[0], top[1]))
            return
        self.stack.pop()

    def _id(self, attrs):
        for k, v in attrs:
            if k == "id":
                if v in self.ids:
                    self.errors.append("duplicate id %r" % v)
                self.ids.add(v)


def parse(text):
    p = Balance()
    p.feed(text)
    p.close()
    return p


def check_balanced(text, _):
    p = parse(text)
    if p.stack:
        p.errors.append("left open: %s" % [t for t, _ in p.stack[:5]])
    if sum(1 for t, _ in p.tags if t == "html") != 1:
        p.errors.append("not exactly one <html>")
    return p.errors[:5]


def check_offline(text, _):
    errors = []
    if re.search(r"<\s*script", text, re.I):
        errors.append("<script present")
    for tag, attrs in parse(text).tags:
        if tag in ("link", "iframe", "object", "embed", "script", "img", "frame"):
            errors.append("<%s> element" % tag)
        for k, v in attrs:
            if k.startswith("on"):
                errors.append("event attribute %s on <%s>" % (k, tag))
            if k in ("src", "href", "xlink:href", "action", "formaction", "poster", "data") and v is not None:
                if re.match(r"\s*(https?:|//|ftp:|file:)", v, re.I):
                    errors.append("%s=%r on <%s>" % (k, v, tag))
    if re.search(r"url\s*\(|@import", text, re.I):
        errors.append("CSS url()/@import")
    return errors[:5]


def check_svg_count(text, arg):
    n = len(re.findall(r"<svg[\s>]", text))
    return [] if n >= int(arg) else ["%d <svg> elements, want >= %s" % (n, arg)]


def check_contains(text, arg):
    return [] if arg in text else ["missing %r" % arg]


def check_absent(text, arg):
    return ["found %r" % arg] if arg in text else []


def check_verdict(text, arg):
    rid, cls = arg.split(":")
    m = re.search(r'<tr id="req-%s">.*?</tr>' % re.escape(rid), text, re.S)
    if not m:
        return ["no verdict row for %s" % rid]
    got = re.search(r'class="badge (\w+)"', m.group(0))
    return [] if got and got.group(1) == cls else ["%s verdict is %s, want %s" % (rid, got and got.group(1), cls)]


def main():
    path, check = sys.argv[1], sys.argv[2]
    arg = sys.argv[3] if len(sys.argv) > 3 else None
    raw = open(path, "rb").read()
    if check == "clean-bytes":
        bad = [b for b in raw if b < 0x20 and b not in (9, 10, 13) or b == 0x7F]
        errors = ["%d control bytes" % len(bad)] if bad else []
        try:
            raw.decode("utf-8", errors="strict")
        except UnicodeDecodeError as e:
            errors.append("invalid UTF-8: %s" % e)
    else:
        text = raw.decode("utf-8", errors="replace")
        fn = {"balanced": check_balanced, "offline": check_offline, "svg-count": check_svg_count,
              "contains": check_contains, "absent": check_absent,
              "verdict": check_verdict}[check]
        errors = fn(text, arg)
    if errors:
        print("; ".join(errors))
        sys.exit(1)


if __name__ == "__main__":
    main()
