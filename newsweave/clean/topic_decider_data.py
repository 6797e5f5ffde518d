"""Off-topic decider fitted on 1000 built dev cases by newsweave.clean.topic_fit; do not edit."""

LEXICAL_BIAS = -3.475
LEXICAL: tuple[float, ...] = (
    -7.2996,  # words
    1.2574,  # names
    -1.1441,  # centrality
    -1.1641,  # left_words
    -1.8089,  # right_words
    1.1365,  # weakest_to_end
    1.013,  # last
    -2.9564,  # from_end
    0.9737,  # position
    1.4021,  # size
    6.2984,  # paragraphs
    -2.3942,  # words_squared
    -7.3872,  # weak_pair
    -5.9288,  # words_from_end
    0.5592,  # names_from_end
)
REFINED_BIAS = -1.5714
REFINED: tuple[float, ...] = (
    -5.8927,  # words
    1.055,  # names
    1.0065,  # centrality
    -1.4142,  # left_words
    -1.6045,  # right_words
    1.1416,  # weakest_to_end
    0.7607,  # last
    -3.0994,  # from_end
    0.6815,  # position
    1.7512,  # size
    4.9952,  # paragraphs
    -1.9418,  # words_squared
    -6.7843,  # weak_pair
    -4.4461,  # words_from_end
    0.7431,  # names_from_end
    -6.6354,  # cosine
)
