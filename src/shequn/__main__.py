from shequn.cli.main import cli

cli()
