"""The paper record as a value: equal records hash alike, the hash kept once computed."""

import dataclasses
import pickle

from generator.model.paper import Paper


def test_equal_records_hash_alike_and_an_edit_changes_the_hash():
    paper = Paper("s", "Title", "Abstract.", ("nlp",))
    same = Paper("s", "Title", "Abstract.", ("nlp",))
    edited = dataclasses.replace(paper, title="Title, edited")
    assert hash(paper) == hash(same) and {paper: 1}[same] == 1
    assert hash(edited) != hash(paper) and edited != paper


def test_a_copy_in_another_process_computes_its_own_hash():
    paper = Paper("s", "Title", "Abstract.", ("nlp",))
    hash(paper)
    copy = pickle.loads(pickle.dumps(paper))
    assert "_hash" not in vars(copy) and copy == paper and hash(copy) == hash(paper)
