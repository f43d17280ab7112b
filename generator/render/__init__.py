"""Stage 2b, records to outputs (pure): group papers into indexes, render pages,
feeds, citations and downloads; `site.generate_site` assembles them all."""
