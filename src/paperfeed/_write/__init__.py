"""Writers: a Feed out as JSON, CSV, Arrow and other formats."""
