package io.agentscale.cli;

/** How a command prints its result: a table for a person or JSON for tools ({@code --format}). */
enum Format { table, json }
