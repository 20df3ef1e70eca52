from careerlib.cli import main

main()
