from ontime_support.cli.main import run

run()
