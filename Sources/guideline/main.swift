print("guideline")
