"""The complete example of docs/history-format.md, with the files it names."""

import json
import re
from pathlib import Path

from egitrs.sample_documents import docx_bytes
from history.format import HISTORY_FILE

DOCS = Path(__file__).resolve().parents[2] / "docs" / "history-format.md"


def docs_example():
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(r"## A complete small example.*?```json\n(.*?)```", text, re.S)
    return json.loads(block.group(1))


def write_docs_example(folder):
    history = docs_example()
    for meeting in history["groups"][0]["meetings"]:
        for document in meeting["documents"]:
            for file in document["files"]:
                target = Path(folder) / file["path"]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(docx_bytes(document["title"], [document["number"]]))
    path = Path(folder) / HISTORY_FILE
    path.write_text(json.dumps(history), encoding="utf-8")
    return path
