"""Conversations: follow-up questions rewritten into standalone ones, and their storage.

:func:`~qa.conversation.rewrite.standalone` turns 那城北区呢？ after
大武口区政协2023年收到多少件提案？ into 城北区政协2023年收到多少件提案？ (rules over the question
analysis, no corpus names in code); :mod:`qa.conversation.llm` lets an LLM backend rewrite,
checked against the new turn's entities; :class:`~qa.conversation.store.ConversationStore`
keeps conversations in SQLite.
"""

from qa.conversation.turns import Turn, turns_from_messages

__all__ = ["Turn", "turns_from_messages"]
