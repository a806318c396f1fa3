"""What the actor-finding rule mixins (GroupRules, OrgRules) read and call on `Finder`.

The rules for groups and for unknown organisations live in their own modules to keep each small;
they work on the state of the one `Finder` that combines them. This protocol declares that state
once, so that both mixins and the type checker agree on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from communique.resources.actors import ActorDictionary
    from communique.stages.actor_mentions import Hit, MentionMatcher


class FinderState(Protocol):
    doc: Doc
    d: ActorDictionary
    matcher: MentionMatcher
    cover: dict[int, tuple[int, int]]
    by_token: dict[int, tuple[int, int, str, str]]
    taken: set[int]

    def _add(self, hit: Hit) -> None: ...
    def _absorb(self, start: int, end: int) -> None: ...
    def _possessor(self, head: Token) -> str | bool | None: ...
    def _of_country(self, head: Token) -> tuple[str | None, int]: ...
    def _sentence_country(self, span: Span) -> str | None: ...
    def _sector_head(self, token: Token) -> tuple[str, Token, tuple[int, int]] | None: ...
    def _attached_person(self, token: Token) -> bool: ...
