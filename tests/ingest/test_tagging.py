"""The tagging rules on small inline vocabularies, one case per failure mode
they were changed for (issue 15)."""

from generator.ingest.tagging import Tagger, assign_tags, tag_scores
from generator.model.tags import Tag


def tag(slug, match, support=(), exclude=(), yields_to=()):
    return Tag(slug, slug, "A topic.", tuple(match), tuple(support), tuple(exclude), tuple(yields_to))


ROBOTICS = tag("robotics", ["robot", "sim-to-real"], support=["manipulation"], exclude=["face manipulation"])
GENERATIVE = tag("generative-models", ["face manipulation", "GAN", "diffusion model"])
VISION = tag("visual-recognition", ["semantic segmentation", "object detection"],
             support=["segmentation", "computer vision", "ImageNet"])
NLU = tag("natural-language-understanding", ["topic segmentation", "text classification", "text classifier",
                                             "event extraction", "event argument extraction"])
FEW_SHOT = tag("few-shot-and-zero-shot", ["zero-shot", "few-shot"], exclude=["zero-shot quantization"])
COMPRESSION = tag("model-compression", ["quantization"])
VL = tag("vision-language", ["CLIP", "vision-language"], support=["multimodal"])
SCIENCE = tag("science-applications", ["DNA", "biodiversity"])
CONTINUAL = tag("continual-learning", ["lifelong", "continual learning"])
MTL = tag("multi-task-learning", ["multi-task", "multi-task learning", "MTL"])
LLM = tag("language-models", ["LLM", "large language model"])
TRANSFER = tag("transfer-learning", ["transfer learning"], yields_to=["cross-lingual-transfer"])
CROSS = tag("cross-lingual-transfer", ["cross-lingual transfer"])
VOCABULARY = (ROBOTICS, GENERATIVE, VISION, NLU, FEW_SHOT, COMPRESSION, VL, SCIENCE, CONTINUAL, MTL, LLM,
              TRANSFER, CROSS)


def tags(title, abstract=""):
    return assign_tags(VOCABULARY, title, abstract)


def test_a_word_with_several_senses_needs_its_context():
    face = "Face Manipulation with GANs"
    assert tags(face, "We edit faces. Our manipulation keeps identity; manipulation of age too.") == ("generative-models",)
    assert tags("Robot learning", "Dexterous manipulation by a robot.") == ("robotics",)


def test_segmentation_of_text_is_not_vision():
    assert tags("Topic Segmentation Model Focusing on Local Context",
                "Topic segmentation splits a document. We improve segmentation with local context.") == (
        "natural-language-understanding",)
    assert "visual-recognition" in tags("Semantic Segmentation at Scale", "Segmentation of street scenes.")


def test_zero_shot_quantization_is_not_zero_shot_learning():
    assert tags("Genie: Data for Zero-shot Quantization", "Zero-shot quantization needs no data.") == (
        "model-compression",)


def test_multimodal_alone_does_not_make_vision_language():
    assert tags("BIOSCAN-5M: A Multimodal Dataset for Insect Biodiversity",
                "Multimodal data: images and DNA barcodes, multimodal benchmarks.") == ("science-applications",)
    assert "vision-language" in tags("A Multimodal CLIP", "A multimodal model.")


def test_a_passing_mention_of_a_field_is_not_a_topic():
    abstract = "Just as computer vision uses ImageNet, we pretrain an LLM for code."
    assert tags("Pretraining for Code", abstract) == ("language-models",)


def test_word_forms_and_spellings_are_one_phrase():
    assert tags("Life-long Learning of Agents") == ("continual-learning",)
    assert tags("Robust Text Classifiers") == ("natural-language-understanding",)
    assert tags("MaskGAN: Better Text Generation") == ("generative-models",)
    assert tags("Event Argument Extraction in Basque") == ("natural-language-understanding",)
    assert tags("Multitask and multi task: MTL") == ("multi-task-learning",)
    assert tags("Scaling LLMs") == ("language-models",)


def test_a_phrase_written_longer_than_its_stem_takes_only_the_words_that_begin_with_it():
    """Snowball gives "adapter", "adaptive" and "adaptation" one stem, and
    "transferable" the stem of "transfer": the longer written form is the one meant."""
    peft = tag("parameter-efficient-fine-tuning", ["adapter"])
    transfer = tag("transfer-learning", ["transferable", "transfer learning"])
    agents = tag("agents", ["agentic"])
    vocabulary = (peft, transfer, agents)
    assert assign_tags(vocabulary, "AdaMerging: Adaptive Model Merging", "Domain adaptation. We adapt.") == ()
    assert assign_tags(vocabulary, "Adapters for Cross-lingual Transfer", "") == ("parameter-efficient-fine-tuning",)
    assert assign_tags(vocabulary, "How Transferable Are Features?", "") == ("transfer-learning",)
    assert assign_tags(vocabulary, "Manipulation Transfer for Robot Agents", "") == ()
    # a phrase word that is its own stem still takes every form
    assert assign_tags(vocabulary, "Transferring Learning Across Tasks", "") == ("transfer-learning",)
    # written as one word or several: the joined forms are compared
    assert assign_tags(vocabulary, "Adapter-less Tuning", "") == ("parameter-efficient-fine-tuning",)


def test_spellings_of_one_phrase_found_at_one_place_count_once():
    meta = tag("meta-learning", ["meta-learning", "meta learning", "meta-learn"])
    assert tag_scores((meta,), "", "We study meta-learning.") == {"meta-learning": 1}
    # two tags may still share the words
    other = tag("other", ["meta learning"])
    assert tag_scores((meta, other), "", "We study meta-learning.") == {"meta-learning": 1, "other": 1}


def test_a_match_phrase_names_its_topic_inside_another_tag_s_phrase():
    continual = tag("continual-learning", ["continual instruction"])
    instruction = tag("instruction-tuning", ["instruction tuning"])
    meta = tag("meta-learning", ["meta reinforcement learning"])
    rl = tag("reinforcement-learning", ["reinforcement learning"], support=["policy"])
    vision = tag("visual-recognition", ["semantic segmentation"], support=["segmentation"])
    text = tag("natural-language-understanding", ["topic segmentation"])
    vocabulary = (continual, instruction, meta, rl, vision, text)
    assert assign_tags(vocabulary, "Multimodal Continual Instruction Tuning", "") == (
        "continual-learning", "instruction-tuning")
    assert assign_tags(vocabulary, "Meta Reinforcement Learning", "") == ("meta-learning", "reinforcement-learning")
    # a support phrase inside another tag's phrase is that tag's word, not this one's
    assert tag_scores(vocabulary, "", "Topic segmentation and semantic segmentation.") == {
        "natural-language-understanding": 1, "visual-recognition": 1}


def test_a_core_topic_in_the_title_beats_a_weak_hit_in_the_abstract():
    assert tags("Continual Learning for Robots", "A robot.") == ("continual-learning", "robotics")
    assert tags("Continual Learning Done Right", "Unlike a robot, it never stops.") == ("continual-learning",)


def test_overlapping_phrases_count_once():
    scores = tag_scores(VOCABULARY, "", "multi-task learning")
    assert scores == {"multi-task-learning": 1}
    assert [hit.phrase for hit in Tagger(VOCABULARY).hits("large language model")] == ["large language model"]


def test_a_more_specific_tag_replaces_the_general_one():
    assert tags("Cross-lingual Transfer Learning") == ("cross-lingual-transfer",)
    assert tags("Transfer Learning for Galaxies") == ("transfer-learning",)


def test_a_broad_tag_alone_brings_the_best_specific_one():
    broad = Tag("transfer-learning", "Transfer", "A topic.", ("transfer learning",), yields_to=("domain-adaptation",),
                broad=True)
    vision = tag("visual-recognition", ["image classification"])
    domain = tag("domain-adaptation", ["domain shift"])
    vocabulary = (broad, vision, domain)
    assert assign_tags(vocabulary, "Transfer Learning Made Easy", "For image classification.") == (
        "transfer-learning", "visual-recognition")
    assert assign_tags(vocabulary, "Transfer Learning Made Easy", "Under domain shift.") == ("domain-adaptation",)
    assert assign_tags(vocabulary, "Transfer Learning Made Easy", "Nothing else.") == ("transfer-learning",)
    # with a specific tag of its own, nothing is added
    assert assign_tags(vocabulary, "Transfer Learning for Image Classification",
                       "Domain shift.") == ("transfer-learning", "visual-recognition")


def test_the_cap_keeps_the_best_scores():
    vocabulary = tuple(tag(slug, [slug]) for slug in ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"))
    title = "Alpha Beta Gamma Delta Epsilon"  # 3 each, plus the abstract's
    abstract = "alpha alpha beta gamma zeta zeta zeta eta eta eta"  # zeta and eta: 3, the least
    assert tag_scores(vocabulary, title, abstract)["alpha"] == 5
    assert assign_tags(vocabulary, title, abstract) == ("alpha", "beta", "delta", "epsilon", "gamma")
    # ties are broken by slug, not by order in the vocabulary
    assert assign_tags(vocabulary[::-1], title, abstract) == ("alpha", "beta", "delta", "epsilon", "gamma")


def test_nothing_found_gives_no_tag():
    assert tags("Sorting Networks", "Comparator layouts of small depth.") == ()
