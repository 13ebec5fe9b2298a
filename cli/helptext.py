"""The examples that end every ``--help`` (one table, so a test can run them all).

Each line is a shell command a desk can paste, then ``# what it does``. The
file names are the ones a desk has at hand: ``customer.toml`` (a profile, as
``examples/profiles/*.toml``), ``batch.jsonl`` (one profile per line),
``customers.csv`` (``customers export`` writes one), ``my-settings.toml``.
``tests/test_cli_help.py`` runs each example against such files.
"""

from __future__ import annotations

import textwrap

DESCRIPTION = (
    "Who can help an OnTime Group Calendar customer, how fast, and at what cost: the support options "
    "(Direct Shop, the customer's partner, IntraVision), each with the policy clause behind it, in a "
    "terminal UI, a table, JSON or a quote to e-mail.\n\n"
    "Exit codes: 0 done; 2 bad input (one line naming the file, the field and the problem); 3 a batch in "
    "which some lines failed; 1 an internal error; 130 interrupted."
)

#: ``{"command" or "command sub-command": (example, ...)}``; "" is ``ontime-support`` itself.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "": (
        "ontime-support  # the TUI on the bundled example profile (Ctrl+Q quits)",
        "ontime-support compare --profile customer.toml  # the options for one customer, as a table",
        "ontime-support --lang ja compare --profiles batch.jsonl > results.jsonl  # one JSON record per line",
    ),
    "tui": (
        "ontime-support tui  # the bundled example profile; F1 lists the keys",
        "ontime-support tui --customer 1 --lang ja  # a customer from the book (--db)",
        "ontime-support tui --profile customer.toml --at 2026-12-28T16:30+09:00  # a pinned instant",
    ),
    "compare": (
        "ontime-support compare --profile customer.toml --at '2026-12-28 16:30'  # in the customer's zone",
        "ontime-support compare --profile customer.toml --format markdown --lang ja > quote.md  # the quote",
        "cat batch.jsonl | ontime-support compare --profiles - > results.jsonl  # exit 3: some lines failed",
    ),
    "plugins": (
        "ontime-support plugins  # name, origin, status, hooks, options",
        "ontime-support plugins --format json  # also the failures' messages and the precedence",
        "ontime-support --disable-plugin intravision plugins  # intravision is listed as blocked",
    ),
    "settings": (
        "ontime-support settings  # every setting as TOML, with its clause",
        "ontime-support settings --settings my-settings.toml > effective.toml",
        "ontime-support settings --format json --lang ja",
    ),
    "serve": (
        "ontime-support serve  # http://127.0.0.1:8000 on this machine only",
        "ontime-support serve --port 8080 --profile customer.toml --lang ja",
        "ontime-support serve --host 0.0.0.0 --public-url http://desk.example.internal:8000  # no login!",
    ),
    "db": (
        "ontime-support db info  # the book in use and its schema revision",
        "ontime-support db backup book-copy.sqlite3  # a consistent copy, even while in use",
        "ontime-support --db sqlite:///team-book.sqlite3 db upgrade  # create another book",
    ),
    "db upgrade": (
        "ontime-support db upgrade",
        "ontime-support --db sqlite:///team-book.sqlite3 db upgrade",
    ),
    "db info": (
        "ontime-support db info",
        "ONTIME_SUPPORT_DB=sqlite:///team-book.sqlite3 ontime-support db info",
    ),
    "db backup": (
        "ontime-support db backup book-copy.sqlite3",
        "ontime-support --db sqlite:///team-book.sqlite3 db backup team-copy.sqlite3",
    ),
    "customers": (
        "ontime-support customers import customers.csv  # or profile .toml files",
        "ontime-support customers search sakura  # by the start of a word of the name, the partner or a tag",
        "ontime-support customers expiring --within 8w  # maintenance ending soon, with renewal fees",
    ),
    "customers import": (
        "ontime-support customers import customers.csv",
        "ontime-support customers import --all-or-nothing customer.toml  # profiles match by name and partner",
    ),
    "customers list": (
        "ontime-support customers list",
        "ontime-support customers list --archived --format csv > all.csv",
    ),
    "customers search": (
        "ontime-support customers search sakura  # case, width and hiragana/katakana ignored",
        "ontime-support customers search example-partner --format json",
    ),
    "customers show": (
        "ontime-support customers show 1",
        "ontime-support customers show 1 --format toml > customer-1.toml  # a profile file again",
    ),
    "customers export": (
        "ontime-support customers export -o customers.csv  # re-imports to the same customers",
        "ontime-support customers export --format json --archived",
    ),
    "customers history": (
        "ontime-support customers history 1  # who changed what, and when",
        "ontime-support customers history 1 --format json",
    ),
    "customers update": (
        "ontime-support customers update 1 --based-on 1 --notes 'renewal quoted 2026-11'",
        "ontime-support customers update 1 --based-on 1 --profile customer.toml --tags 'vip;renewal'",
    ),
    "customers restore": (
        "ontime-support customers history 1  # find the version to bring back",
        "ontime-support customers restore 1 1  # version 1's content becomes the newest version",
    ),
    "customers archive": (
        "ontime-support customers archive 1  # hidden from list and search; nothing is deleted",
        "ontime-support customers archive 1 --based-on 1  # refused if someone saved since version 1",
    ),
    "customers unarchive": (
        "ontime-support customers list --archived",
        "ontime-support customers unarchive 1",
    ),
    "customers expiring": (
        "ontime-support customers expiring  # the next 60 days",
        "ontime-support customers expiring --within 8w --at 2027-02-01T09:00+09:00 --format json",
    ),
    "cases": (
        "ontime-support compare --customer 1 --format markdown --log  # a quote, logged as a case",
        "ontime-support cases list --customer 1",
        "ontime-support cases show 1 --format markdown  # the quote exactly as given",
    ),
    "cases list": (
        "ontime-support cases list",
        "ontime-support cases list --customer 1 --since 2026-11-01 --format json",
    ),
    "cases show": (
        "ontime-support cases show 1  # says on stderr if today's answer differs",
        "ontime-support cases show 1 --format markdown > quote.md",
    ),
}


def epilog(command: str) -> str:
    """The ``examples:`` block for ``command`` (a key of :data:`EXAMPLES`)."""
    return "examples:\n" + "\n".join(f"  {line}" for line in EXAMPLES[command])


def describe(text: str) -> str:
    """``text`` filled to 79 columns, paragraph by paragraph (the parsers print descriptions as given)."""
    return "\n\n".join(textwrap.fill(paragraph, 79) for paragraph in text.split("\n\n"))
