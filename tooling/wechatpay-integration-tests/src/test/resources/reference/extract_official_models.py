#!/usr/bin/env python3
"""Extracts, from the official wechatpay-java SDK's service classes, which model classes it uses for each
operation: one line per operation, "METHOD<TAB>path<TAB>request class<TAB>response class" ("-" for none).

Usage: extract_official_models.py <wechatpay-java checkout> > official-models.tsv

The service classes are generated code of one shape: a public method taking one request model, a
`String requestPath = "https://api.mch.weixin.qq.com/v3/..."` literal, `.httpMethod(HttpMethod.X)`, and
`httpClient.execute(httpRequest, Response.class)`. Methods that do not have that shape (downloads, helpers) are
left out. The output is committed with its provenance; OfficialModelsCrossCheckTest reads it.
"""
import os
import re
import sys

METHOD = re.compile(r"\n  public ([\w.<>]+) (\w+)\((\w+) request\) \{(.*?)\n  \}", re.S)
PATH = re.compile(r'String requestPath =\s*"https://api\.mch\.weixin\.qq\.com(/[^"]*)";')
VERB = re.compile(r"\.httpMethod\(HttpMethod\.(\w+)\)")
IMPORT = re.compile(r"^import ([\w.]+);", re.M)


def main(root):
    rows = set()
    base = os.path.join(root, "service/src/main/java")
    for folder, _, files in os.walk(base):
        for name in files:
            if not name.endswith("Service.java"):
                continue
            text = open(os.path.join(folder, name), encoding="utf-8").read()
            package = re.search(r"^package ([\w.]+);", text, re.M).group(1)
            imports = {i.rsplit(".", 1)[1]: i for i in IMPORT.findall(text)}

            def fqn(simple):
                if simple in ("void", "-"):
                    return "-"
                return imports.get(simple, package + "." + simple)

            for ret, _, req, body in METHOD.findall(text):
                path = PATH.search(body)
                verb = VERB.search(body)
                if not path or not verb:
                    continue
                rows.add((verb.group(1), path.group(1), fqn(req), fqn(ret)))
    for row in sorted(rows, key=lambda r: (r[1], r[0])):
        print("\t".join(row))


if __name__ == "__main__":
    main(sys.argv[1])
