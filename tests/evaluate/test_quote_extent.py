"""Fitting the direct-or-wider model: labels from the gold contents, thresholds from the implied F1."""

from __future__ import annotations

from newsweave.evaluate.quote_extent import best_thresholds, labelled_quotations


def test_a_quotation_is_labelled_by_whether_its_gold_content_is_direct(nlp, attribution):
    text = ('“We will win this,” the senator said on Monday. '
            'The mayor praised him for “stepping up when Congress would not.”')
    gold = [
        attribution(text, "“We will win this,”", "said", "the senator"),
        attribution(text, "him for “stepping up when Congress would not.”", "praised", "The mayor"),
    ]
    X, y, groups, n_direct = labelled_quotations([(text, gold, nlp(text))])
    assert n_direct == 1 and len(X) == len(y) == len(groups) >= 1 and set(groups) == {0}
    said = next(label for feats, label in zip(X, y) if "bc=start" in feats)
    assert said == 1  # the said-quote matches a direct gold content


def test_thresholds_separate_the_two_kinds_of_content():
    # Contents found as quotations alone are direct from 0.3 up; wider ones only from 0.8 up.
    probs = [0.9, 0.4, 0.2, 0.9, 0.6, 0.5]
    labels = [1, 1, 0, 1, 0, 0]
    alone = [True, True, True, False, False, False]
    t_alone, t_wider, f1 = best_thresholds(probs, labels, alone, n_direct=3)
    assert 0.2 < t_alone <= 0.4 and 0.6 < t_wider <= 0.9 and f1 == 1.0


def test_thresholds_are_chosen_on_the_mean_over_fold_assignments():
    # One assignment favours a low wider threshold, the other a high one; their mean decides.
    labels = [1, 0, 1]
    alone = [False, False, False]
    runs = [[0.9, 0.3, 0.4], [0.9, 0.6, 0.8]]
    t_alone, t_wider, f1 = best_thresholds(runs, labels, alone, n_direct=2)
    assert 0.3 < t_wider <= 0.4 and abs(f1 - 0.9) < 1e-9
