#!/usr/bin/env python3
"""Extracts the request-body schemas Docket's LLM client must satisfy from OpenAI's
OpenAPI description, into a small self-contained JSON Schema (draft 2020-12).

Provenance: the OpenAPI description of the OpenAI API (openapi.yaml, "info.license": MIT,
https://github.com/openai/openai-openapi). Only the definitions reachable from
CreateResponse and CreateChatCompletionRequest are kept; descriptions, examples and
x-* vendor keys are dropped to keep the file small. Run once, commit the output:

    python3 extract_openai_request_schemas.py PATH/TO/openapi.yaml openai-request-schemas.json
"""
import json
import sys

import yaml

ROOTS = ["CreateResponse", "CreateChatCompletionRequest"]
PREFIX = "#/components/schemas/"
DROP = {"description", "example", "examples", "title", "deprecated", "discriminator"}


def refs_in(node, out):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(PREFIX):
            out.add(ref[len(PREFIX):])
        for v in node.values():
            refs_in(v, out)
    elif isinstance(node, list):
        for v in node:
            refs_in(v, out)


def clean(node, in_properties=False):
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if not in_properties and (k in DROP or k.startswith("x-")):
                continue
            # The description disambiguates its oneOf alternatives with discriminators that
            # plain JSON Schema does not evaluate (a message item matches two of them):
            # require at least one alternative to match instead.
            if k == "oneOf" and not in_properties:
                out["anyOf"] = clean(v)
                continue
            if k == "$ref" and isinstance(v, str) and v.startswith(PREFIX):
                out[k] = "#/$defs/" + v[len(PREFIX):]
                continue
            out[k] = clean(v, in_properties=(k in ("properties", "patternProperties")
                                             and not in_properties))
        # OpenAPI 3.0 leftovers: "nullable: true" means the value may also be null.
        if not in_properties and out.pop("nullable", False) is True:
            out = {"anyOf": [out, {"type": "null"}]}
        return out
    if isinstance(node, list):
        return [clean(v) for v in node]
    return node


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        api = yaml.safe_load(f)
    schemas = api["components"]["schemas"]
    wanted, todo = set(), list(ROOTS)
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        wanted.add(name)
        found = set()
        refs_in(schemas[name], found)
        todo.extend(sorted(found - wanted))
    doc = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Extracted from OpenAI's OpenAPI description (MIT licence), version "
        + str(api["info"]["version"]) + ", by extract_openai_request_schemas.py.",
        "$defs": {name: clean(schemas[name]) for name in sorted(wanted)},
    }
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(wanted)} definitions written to {dst}")


if __name__ == "__main__":
    main()
