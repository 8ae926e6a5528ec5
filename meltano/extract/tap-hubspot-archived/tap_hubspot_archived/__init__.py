"""Singer tap for HubSpot CRM records archived in the portal."""
