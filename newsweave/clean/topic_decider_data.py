"""Off-topic decider fitted on 1000 built dev cases by newsweave.clean.topic_fit; do not edit."""

LEXICAL_BIAS = -3.7853
LEXICAL: tuple[float, ...] = (
    -5.6947,  # words
    1.2535,  # names
    -3.6449,  # centrality
    -1.3289,  # left_words
    -2.0611,  # right_words
    0.9924,  # weakest_to_end
    1.2234,  # last
    -3.0752,  # from_end
    1.1754,  # position
    1.3813,  # size
    6.1036,  # paragraphs
    -1.9582,  # words_squared
    -6.6601,  # weak_pair
    -4.8573,  # words_from_end
    0.6401,  # names_from_end
    6.5487,  # private_words
    0.9862,  # private_names
)
CONTEXT_BIAS = -0.317
CONTEXT: tuple[float, ...] = (
    -0.9486,  # words
    -0.256,  # names
    -1.0706,  # centrality
    2.1856,  # left_words
    0.9041,  # right_words
    0.3808,  # weakest_to_end
    -0.2856,  # last
    0.3695,  # from_end
    -0.3682,  # position
    0.1365,  # size
    0.2258,  # paragraphs
    -0.0751,  # words_squared
    0.8448,  # weak_pair
    -1.3522,  # words_from_end
    0.7005,  # names_from_end
    1.162,  # private_words
    -0.0877,  # private_names
    -0.1341,  # neighbour_odds
    1.3241,  # pair_odds
    0.0258,  # pair_odds_inside
)
REFINED_BIAS = 0.4537
REFINED: tuple[float, ...] = (
    -0.3609,  # words
    -0.1656,  # names
    1.2518,  # centrality
    1.5132,  # left_words
    1.076,  # right_words
    0.4944,  # weakest_to_end
    -0.4335,  # last
    0.3393,  # from_end
    -0.2929,  # position
    0.7454,  # size
    -0.3678,  # paragraphs
    -0.107,  # words_squared
    0.5268,  # weak_pair
    -1.2935,  # words_from_end
    0.9441,  # names_from_end
    1.0869,  # private_words
    0.2492,  # private_names
    -0.098,  # neighbour_odds
    1.2706,  # pair_odds
    0.0539,  # pair_odds_inside
    -5.7886,  # cosine
)
