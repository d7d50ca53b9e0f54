"""The site's own words around the cards: menus, banners and the footer, as copies print them."""

from __future__ import annotations

__all__ = ["CHROME", "FOOTER"]

# Page chrome that a select-all copy of a papers page carries around the cards. Matched
# case-insensitively against whole, whitespace-normalized lines.
CHROME = frozenset(
    s.lower()
    for s in (
        "new",
        "Get trending papers in your email inbox!",
        "Get trending papers in your email inbox once a day!",
        "Subscribe",
        "Daily Papers",
        "byAK and the research community",
        "by AK and the research community",
        "by AK",
        "and the research community",
        "Daily",
        "Weekly",
        "Monthly",
        "Trending Papers",
        "Trending",
        "Search",
        "Submit",
        "Submit paper",
        "Search or paste paper title, arXiv id or URL",
        "Previous",
        "Next",
        "System theme",
        "Hugging Face",
        "Papers",
        "Sign Up",
        "Log In",
        "Login",
        "Community",
        "Enterprise",
        "Docs",
        "Pricing",
    )
)
# The site footer after the last card; only skipped at the end of the input.
FOOTER = CHROME | frozenset(
    s.lower()
    for s in (
        "Company",
        "TOS",
        "Privacy",
        "About",
        "Careers",
        "Website",
        "Models",
        "Datasets",
        "Spaces",
        "Pricing",
        "Docs",
        "Blog",
        "Forum",
        "Learn",
        "Discord",
        "GitHub",
        "Twitter",
        "LinkedIn",
        "Status",
        "Changelog",
        "Inference Endpoints",
        "Enterprise Hub",
        "Tasks",
        "HuggingChat",
        "Collections",
        "Solutions",
        "Terms of Service",
        "Privacy Policy",
        "Load more",
        "Show more",
        "View more",
        "Trending Papers ranked by GitHub stars activity",
        "Buckets",
        "Buckets new",
        "Posts",
        "Hardware",
        "Languages",
        "Organizations",
        "Team & Enterprise",
        "Hugging Face PRO",
        "Enterprise Support",
        "Inference Providers",
        "Storage Buckets",
        "Hugging Face's logo Hugging Face",
        "Hugging Face's logo",
        "Jobs",
        "Terms",
        "Cookies",
        "Settings",
        "Log out",
    )
)
