"""The plain line mode: the wizard's questions as prompts on standard input and output."""
