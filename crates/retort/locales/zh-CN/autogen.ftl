# autogen
