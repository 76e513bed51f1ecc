"""What the report conversation says, as message ids for the catalogs."""

from __future__ import annotations

from cyberpol.kernel.labels import N_

ASK_CATEGORY = N_("What kind of scam was it?")
ASK_TEXT = N_("What happened? Write it in your own words, or forward the fraudster's message here.")
ASK_EVIDENCE = N_(
    "Send photos, screenshots, PDF files or voice messages if you have them, then press Done."
)
ASK_LOSS = N_("How much money did you lose, in tenge? Send a number, or press Skip.")
ASK_REGION = N_("Which region are you in?")
ASK_CONTACT = N_(
    "May the police contact you? Press the button to share your phone number, or Skip."
)
SHARE_PHONE = N_("Share my phone number")
DONE = N_("Done")
SKIP = N_("Skip")
SEND = N_("Send the report")
CANCEL = N_("Cancel")
GOT_FILE = N_("Received {count} of at most {limit} files.")
TOO_MANY = N_("That is enough files: at most {limit}.")
FILE_TOO_BIG = N_("This file is larger than 20 MB; send a smaller one or a screenshot.")
NOT_EVIDENCE = N_("I can take photos, PDF files and voice messages here. Press Done when ready.")
NEED_TEXT = N_("Please describe what happened in words.")
TEXT_TOO_LONG = N_("The description is too long: at most {max} characters.")
BAD_LOSS = N_("Enter the loss as a number of tenge, for example 150 000.")
SUMMARY = N_("Please check your report before it is sent.")
FOUND = N_("Found in it:")
FOUND_NONE = N_("No numbers, cards, accounts or links found; an analyst will read the text.")
LOSS_LINE = N_("Loss: {amount} tenge")
SENT = N_("Thank you. Your report number is {number}.")
ASK_UPDATES = N_("May we write to you here when the police confirm or block what you reported?")
YES_UPDATES = N_("Yes, write to me")
NO_UPDATES = N_("No, thank you")
WILL_WRITE = N_("We will write here when your report moves on.")
WONT_WRITE = N_("All right. Your reports are always under My reports in /start.")
LEFT_OUT = N_("{count} file(s) were not photos, PDF or voice messages and were left out.")
CANCELLED = N_("The report was not sent. Press /start for the menu.")
FAILED = N_("The report could not be sent: {reason}. Please try again with /start.")
PRESS_A_BUTTON = N_("Please press one of the buttons under the message.")
ADDED_TO_STORY = N_(
    "I added this to the description. Send photos or files if you have them, or press Done."
)
