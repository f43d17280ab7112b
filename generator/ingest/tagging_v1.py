"""The first tagging rules (until the vocabulary gained `support`, `exclude`
and `yields_to`), kept byte for byte in behaviour so that `retag` can tell a
tag list these rules wrote from one a person edited: see ingest/retag.py.
Frozen: never change these phrases or this matching."""

import re

TITLE_WEIGHT, MIN_SCORE, MAX_TAGS = 3, 2, 5

# content/tags.yaml's `match` phrases as they were, slug -> phrases.
PHRASES: dict[str, tuple[str, ...]] = {
    "3d-vision": (
        "3D", "point cloud", "point clouds", "depth estimation", "metric depth", "bird's eye view", "BEV",
        "LiDAR", "autonomous driving", "Gaussian splatting", "NeRF", "shape correspondence", "neural fields",
    ),
    "adversarial-robustness": (
        "adversarial attack", "adversarial attacks", "adversarial examples", "adversarial robustness",
        "adversarially robust", "transfer-based attacks", "jailbreak", "jailbreaking", "jailbreaks",
    ),
    "agents": (
        "language agent", "language agents", "LLM agent", "LLM agents", "language model agent", "web agent",
        "web agents", "computer agent", "computer agents", "generalist agent", "generalist agents", "agentic",
        "task automation", "computer control", "web navigation", "multi-agent",
    ),
    "audio-and-speech": (
        "speech", "audio", "music", "spoken", "speaker verification", "ASR", "acoustic", "song", "prosody",
        "voice",
    ),
    "benchmarks-and-datasets": (
        "benchmark", "dataset for", "new dataset", "benchmarking", "evaluation suite", "we release",
    ),
    "code-and-software": (
        "code generation", "source code", "programming", "code-related", "code data", "software",
        "program synthesis",
    ),
    "continual-learning": (
        "continual", "continually", "lifelong", "forgetting", "class-incremental", "incremental learning",
        "forward transfer", "backward transfer",
    ),
    "cross-lingual-transfer": (
        "cross-lingual", "cross-linguistic", "multilingual", "low-resource language", "low-resource languages",
        "machine translation", "code-switching", "transliteration", "bilingual",
    ),
    "domain-adaptation": (
        "domain adaptation", "domain generalization", "out-of-distribution", "OOD", "distribution shift",
        "distribution shifts", "covariate shift", "domain shift", "domain shifts", "domain gap", "domain gaps",
        "across domains", "domain transfer", "cross-domain", "unseen domains", "target domain",
        "domain-specific",
    ),
    "few-shot-and-zero-shot": (
        "few-shot", "zero-shot", "one-shot", "low-shot", "training-free",
    ),
    "generalization": (
        "generalization", "generalize", "generalizes", "grokking", "inductive bias", "memorization",
    ),
    "generative-models": (
        "diffusion model", "diffusion models", "text-to-image", "image generation", "video generation",
        "image editing", "video editing", "image synthesis", "generative adversarial", "GAN", "rectified flow",
        "inpainting", "face swapping", "head swapping", "video-to-video",
    ),
    "graph-learning": (
        "graph", "graphs", "GNN", "GNNs",
    ),
    "in-context-learning": (
        "in-context", "ICL", "demonstration retrieval", "few-shot prompting",
    ),
    "instruction-tuning": (
        "instruction tuning", "instruction-tuned", "instruction following", "instruction fine-tuning",
        "instruction data", "instructions", "multitask finetuning", "multitask prompted training",
    ),
    "interpretability": (
        "interpretability", "interpretable", "mechanistic", "neurons", "circuits", "probing",
        "intrinsic dimension", "intrinsic dimensionality", "representational geometry",
        "representational similarity", "model stitching", "CKA", "explainable", "attention maps",
    ),
    "knowledge-distillation": (
        "distillation", "distilling", "distill", "distilled", "teacher-student", "teacher model",
        "student model", "attention transfer",
    ),
    "language-models": (
        "language model", "language models", "LLM", "LLMs", "BERT", "GPT-3", "GPT-4", "ChatGPT",
    ),
    "medical-and-healthcare": (
        "medical", "clinical", "biomedical", "healthcare", "patient", "patients", "disease", "radiology",
        "radiograph", "histology", "EEG", "tumor", "cancer", "melanoma", "skin lesion", "electrocardiography",
        "ECG", "therapeutics",
    ),
    "meta-learning": (
        "meta-learning", "meta-learn", "meta-learned", "meta-training", "meta-transfer", "learning to learn",
        "hypernetwork", "hypernetworks", "parameter generation", "meta reinforcement learning",
    ),
    "mixture-of-experts": (
        "experts", "MoE", "MMoE", "gating network", "multi-gate",
    ),
    "model-compression": (
        "compression", "quantization", "pruning", "sparse models", "lottery ticket", "spiking neural networks",
        "low power", "efficient inference", "inference cost", "latency", "lightweight", "parallel decoding",
        "speculative decoding", "acceleration",
    ),
    "model-merging": (
        "merging", "merged model", "task arithmetic", "task vector", "task vectors", "weight averaging",
        "model soup", "model soups", "weight interpolation", "checkpoint averaging",
    ),
    "multi-task-learning": (
        "multi-task", "MTL", "negative transfer", "task interference", "auxiliary task", "auxiliary tasks",
        "gradient conflict", "gradient conflicts",
    ),
    "natural-language-understanding": (
        "natural language understanding", "NLU", "question answering", "named entity recognition", "NER",
        "natural language inference", "NLI", "text classification", "sentiment", "hate speech", "offensive",
        "topic segmentation", "information extraction", "event extraction", "intent detection", "GLUE",
        "SuperGLUE",
    ),
    "optimization": (
        "optimizer", "optimizers", "sharpness", "loss landscape", "flat minima", "step size", "learning rate",
        "gradient descent", "training dynamics", "loss function", "loss functions",
    ),
    "parameter-efficient-fine-tuning": (
        "parameter-efficient", "PEFT", "adapter", "adapters", "LoRA", "QLoRA", "prompt tuning", "prefix tuning",
        "soft prompt", "soft prompts", "side-tuning", "visual prompting", "prompt learning",
        "low-rank adaptation", "continuous prompt", "continuous prompts",
    ),
    "reasoning": (
        "reasoning", "chain-of-thought", "mathematical", "math",
    ),
    "recommendation": (
        "recommendation", "recommendations", "recommender", "click-through rate", "CTR", "conversion rate",
        "CVR", "e-commerce",
    ),
    "reinforcement-learning": (
        "reinforcement learning", "RL", "reward", "rewards", "policy", "policies", "Q-learning",
        "imitation learning", "intrinsic motivation", "curiosity",
    ),
    "retrieval-and-embeddings": (
        "sentence embedding", "sentence embeddings", "sentence representation", "sentence representations",
        "text embedding", "text embeddings", "retriever", "semantic textual similarity", "RAG", "retrieval",
    ),
    "robotics": (
        "robot", "robots", "robotic", "robotics", "manipulation", "sim-to-real", "embodied", "locomotion",
        "vision-language-action", "VLA", "grasping", "dexterous",
    ),
    "science-applications": (
        "protein", "proteins", "molecule", "molecules", "molecular", "chemical", "chemistry", "drug", "galaxy",
        "galaxies", "astronomy", "biodiversity", "materials",
    ),
    "self-supervised-learning": (
        "self-supervised", "self-supervision", "contrastive learning", "contrastive loss",
        "contrastive training", "contrastive pretraining", "contrastive objective", "contrastive methods",
        "contrastive framework", "masked autoencoder", "masked autoencoders", "masked image modeling",
        "masked modeling", "unsupervised representation learning",
    ),
    "style-transfer": (
        "style transfer", "stylization", "stylized", "artistic style", "style control", "motion transfer",
        "speech-style transfer",
    ),
    "text-generation": (
        "text generation", "language generation", "dialogue", "dialog", "conversational", "chatbot",
        "summarization", "rewriting", "rewrite", "data-to-text", "question generation", "open-ended generation",
        "lyrics", "poetry",
    ),
    "transfer-learning": (
        "transfer learning", "transfer ability", "transferable", "knowledge transfer", "inductive transfer",
        "task transfer", "positive transfer", "zero-shot transfer", "cross-task transfer", "intermediate-task",
        "source task", "source tasks", "downstream transfer", "transfer to downstream", "models transfer",
        "transfer better", "fine-tuning transfer", "transfer performance",
    ),
    "video": (
        "video", "videos", "action recognition", "temporal grounding",
    ),
    "vision-language": (
        "vision-language", "vision and language", "VLM", "VLMs", "CLIP", "image-text",
        "visual question answering", "VQA", "multimodal", "MLLM", "MLLMs",
    ),
    "visual-recognition": (
        "image classification", "multi-label classification", "object detection", "segmentation",
        "segment anything", "visual classification", "ImageNet", "pose estimation", "image restoration",
        "visual recognition", "computer vision",
    ),
}


def _phrase_pattern(phrase: str) -> re.Pattern:
    words = [re.escape(word) for word in re.split(r"[\s-]+", phrase.strip())]
    body = r"[\s-]?".join(words)
    flags = 0 if phrase.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}(?![\w])", flags)


_PATTERNS = {slug: tuple(map(_phrase_pattern, phrases)) for slug, phrases in PHRASES.items()}


def assign_tags_v1(title: str, abstract: str) -> tuple[str, ...]:
    """The tags the first rules gave a paper of this title and abstract."""
    scores = {}
    for slug, patterns in _PATTERNS.items():
        score = sum(TITLE_WEIGHT * len(pattern.findall(title)) + len(pattern.findall(abstract)) for pattern in patterns)
        if score:
            scores[slug] = score
    ranked = sorted(scores, key=lambda slug: (-scores[slug], slug))
    strong = [slug for slug in ranked if scores[slug] >= MIN_SCORE]
    return tuple(sorted((strong or ranked[:1])[:MAX_TAGS]))
