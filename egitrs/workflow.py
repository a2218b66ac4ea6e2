"""State machines: a table of moves for each, and the one function that performs a move.

Each app declares its machines in its `enums.py` as a `StateMachine` (from, to, who), and
says in its `rules.py` what each "who" means (`Roles`). `perform_move` is the only code
that writes a state: it locks the row, checks the table and the actor, saves with
`update_fields`, leaves an audit row (the history row of django-simple-history: who,
when, from, to and the note as its change reason; an app may write its own row too), and
runs what must follow after the transaction commits (mail).

Time is an argument: `at` is the moment of the move, now unless the register is being
back-filled, and it is the time the history row records.
"""

import dataclasses

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _


class TransitionNotAllowed(ValidationError):
    """A move the table does not have, from the state the object is in."""


@dataclasses.dataclass(frozen=True)
class Move:
    """One line of a machine's table: `name` takes an object from `source` to `target`,
    done by any of the roles in `who`."""

    name: str
    source: str
    target: str
    who: frozenset

    def __init__(self, name, source, target, who):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "who", frozenset({who} if isinstance(who, str) else who))


class StateMachine:
    """The states of one field and the only legal moves between them."""

    def __init__(self, states, moves, *, field="status", not_allowed=None):
        self.states = states
        self.field = field
        # The refusal of a move the table lacks, with %(from)s and %(to)s (lower case).
        self.not_allowed = not_allowed
        self.moves = tuple(moves)
        seen = set()
        for move in self.moves:
            for state in (move.source, move.target):
                if state not in states.values:
                    raise ValueError(f"{state!r} is not a state of {states.__name__}")
            if (move.source, move.target) in seen:
                raise ValueError(f"Two moves from {move.source!r} to {move.target!r}")
            seen.add((move.source, move.target))

    def __iter__(self):
        return iter(self.moves)

    def move(self, source, target):
        """The move from `source` to `target`, or None when the table has none."""
        for move in self.moves:
            if move.source == source and move.target == target:
                return move
        return None

    def named(self, name, source):
        """The move called `name` from `source`, or None."""
        for move in self.moves:
            if move.name == name and move.source == source:
                return move
        return None

    def targets(self, source):
        return {move.target for move in self.moves if move.source == source}

    def names(self):
        return {move.name for move in self.moves}

    def label(self, state):
        return self.states(state).label.lower()


class Roles:
    """What each "who" of a machine's table means: a predicate `(user, obj) -> bool`."""

    def __init__(self, machine, **predicates):
        missing = set().union(*(move.who for move in machine)) - set(predicates)
        if missing:
            raise ValueError(f"No predicate for the roles {sorted(missing)}")
        self.machine = machine
        self.predicates = predicates

    def allows(self, user, obj, move):
        return any(self.predicates[role](user, obj) for role in sorted(move.who))

    def may(self, user, obj, target):
        """The table has a move from the object's state to `target` that `user` may make."""
        move = self.machine.move(getattr(obj, self.machine.field), target)
        return move is not None and self.allows(user, obj, move)

    def can(self, name):
        """The predicate `can_<name>(user, obj)` of a move, for rules.py and templates."""

        def predicate(user, obj):
            move = self.machine.named(name, getattr(obj, self.machine.field))
            return move is not None and self.allows(user, obj, move)

        predicate.__name__ = f"can_{name}"
        predicate.__doc__ = f"The table allows {name!r} from the object's state, and the user."
        return predicate


def check_move(roles, obj, target, *, by, refusal=None):
    """The move of `obj` to `target`, or the refusal: not in the table, or not for `by`."""
    machine = roles.machine
    source = getattr(obj, machine.field)
    move = machine.move(source, target)
    if move is None:
        raise TransitionNotAllowed(
            machine.not_allowed or _("It is %(from)s: it cannot become %(to)s."),
            params={"from": machine.label(source), "to": machine.label(target)},
            code="not_in_table",
        )
    if not roles.allows(by, obj, move):
        raise PermissionDenied(refusal or _("You may not do this."))
    return move


def lock(obj, *, related=()):
    """`obj` read again under a row lock (only its own row on PostgreSQL)."""
    queryset = type(obj)._default_manager.select_for_update(of=("self",))
    if related:
        queryset = queryset.select_related(*related)
    return queryset.get(pk=obj.pk)


def stamp(obj, *, by, at, note=""):
    """Who and when for the history row the next save of `obj` writes."""
    obj._history_user = by
    obj._history_date = at
    obj._change_reason = note or None


def perform_move(
    obj,
    target,
    *,
    roles,
    by,
    at=None,
    note="",
    fields=(),
    prepare=None,
    audit=None,
    notify=None,
    related=(),
    refusal=None,
):
    """Move `obj` to `target`: the one way any state of any machine changes.

    In one transaction: lock the row, `check_move`, `prepare(obj, at)` (checks and changes
    of other fields; it returns the names of the fields it set), save the state and those
    fields with `update_fields`, `audit(obj, source, target, by, at, note)` when the app
    keeps its own rows, and `notify(obj)`, which schedules mail for after the commit
    (`transaction.on_commit`): nothing is sent if the move rolls back. Returns the locked,
    moved object.
    """
    at = at or timezone.now()
    with transaction.atomic():
        # A row that does not exist yet (a translation first requested) starts in the
        # state it was built with, which the table must leave.
        creating = obj.pk is None
        if not creating:
            obj = lock(obj, related=related)
        check_move(roles, obj, target, by=by, refusal=refusal)
        field = roles.machine.field
        source = getattr(obj, field)
        changed = list(prepare(obj, at) or ()) if prepare else []
        setattr(obj, field, target)
        stamp(obj, by=by, at=at, note=note)
        update = [field, *changed]
        if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
            update.append("updated_at")
        obj.save(update_fields=None if creating else list(dict.fromkeys(update)))
        if audit is not None:
            audit(obj, source, target, by, at, note)
        if notify is not None:
            notify(obj)
    return obj
