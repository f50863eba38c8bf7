"""Programme reports for funders: figures computed in the database, shown as tables, SVG charts,
CSV, XLSX and a print view."""
