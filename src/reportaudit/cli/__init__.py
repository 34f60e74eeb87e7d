"""reportaudit."""
