#!/usr/bin/env python3
"""Validates the request bodies recorded by the LLM tests against OpenAI's request schemas.

Usage: validate_request_bodies.py SCHEMAS_JSON BODIES_FOLDER
Files named responses-*.json are checked against CreateResponse, chat-*.json against
CreateChatCompletionRequest. Fails when a body is invalid, or when no body of either kind
was recorded (the check must never pass vacuously).
"""
import glob
import json
import os
import sys

import jsonschema


def main():
    schemas_path, folder = sys.argv[1], sys.argv[2]
    with open(schemas_path, encoding="utf-8") as f:
        defs = json.load(f)["$defs"]
    validators = {}
    for prefix, name in (("responses", "CreateResponse"), ("chat", "CreateChatCompletionRequest")):
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": defs,
                  "$ref": "#/$defs/" + name}
        validators[prefix] = jsonschema.Draft202012Validator(schema)
    counts = {"responses": 0, "chat": 0}
    failures = 0
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        prefix = os.path.basename(path).split("-", 1)[0]
        if prefix not in validators:
            continue
        with open(path, encoding="utf-8") as f:
            body = json.load(f)
        counts[prefix] += 1
        errors = list(validators[prefix].iter_errors(body))
        if errors:
            failures += 1
            print(f"INVALID {os.path.basename(path)}:")
            for e in errors[:5]:
                best = jsonschema.exceptions.best_match([e] + list(e.context))
                print(f"  at {list(best.absolute_path)}: {best.message[:300]}")
    print(f"validated {counts['responses']} Responses and {counts['chat']} Chat Completions "
          f"request bodies, {failures} invalid")
    if counts["responses"] == 0 or counts["chat"] == 0:
        print("no bodies recorded: run the LLM tests with DOCKET_LLM_BODY_DIR set")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
