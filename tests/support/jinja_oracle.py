"""Real Jinja2 as the oracle for the template sandbox: renders each case as our sandbox is configured
(autoescape on, card images as paths that carry src/width/height/index, our nl2br and paragraphs filters).

Reads {"cases": [{"id", "template", "data"}]} as JSON on stdin, prints {"<id>": {"ok", "html" | "error"}}.
"""
import json
import re
import sys

import jinja2
from markupsafe import Markup, escape


class CardImage(str):
    """A card image as templates see it: prints as its path, like the original's list of paths."""

    def __new__(cls, image):
        value = super().__new__(cls, image["src"])
        value.src = image["src"]
        value.width = image.get("width")
        value.height = image.get("height")
        value.index = image.get("index")
        return value


def nl2br(value):
    return Markup(re.sub(r"\r\n|\r|\n", "<br>\n", str(escape(value))))


def paragraphs(value):
    parts = [part.strip() for part in re.split(r"(?:\r\n|\r|\n)+", str(escape(value)))]
    return Markup("\n".join(f"<p>{part}</p>" for part in parts if part))


def environment():
    env = jinja2.Environment(autoescape=True)
    env.filters["nl2br"] = nl2br
    env.filters["paragraphs"] = paragraphs
    return env


def main():
    request = json.load(sys.stdin)
    env = environment()
    results = {}
    for case in request["cases"]:
        data = dict(case["data"])
        data["images"] = [CardImage(image) for image in data.get("images", [])]
        try:
            results[case["id"]] = {"ok": True, "html": env.from_string(case["template"]).render(**data)}
        except Exception as error:  # the sandbox's failure is compared with Jinja2's, whatever its kind
            results[case["id"]] = {"ok": False, "error": f"{type(error).__name__}: {error}"}
    json.dump({"jinja2": jinja2.__version__, "results": results}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
