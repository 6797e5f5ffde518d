"""Off-topic decider fitted on 1000 built dev cases by newsweave.clean.topic_fit; do not edit."""

LEXICAL_BIAS = -2.7265
LEXICAL: tuple[float, ...] = (
    -12.4481,  # words
    -1.7561,  # names
    -1.4953,  # centrality
    -3.3178,  # left_words
    -3.9434,  # right_words
    0.8882,  # weakest_to_end
    2.5307,  # last
    -3.7258,  # from_end
    0.9333,  # position
    1.2748,  # size
    6.0652,  # paragraphs
    -4.1925,  # words_squared
)
REFINED_BIAS = 0.455
REFINED: tuple[float, ...] = (
    -0.2115,  # words
    -0.4143,  # names
    2.4192,  # centrality
    -0.1039,  # left_words
    -0.7416,  # right_words
    0.5289,  # weakest_to_end
    0.4649,  # last
    0.0105,  # from_end
    -0.7749,  # position
    -0.4426,  # size
    0.6372,  # paragraphs
    0.0936,  # words_squared
    -4.6117,  # cosine
)
