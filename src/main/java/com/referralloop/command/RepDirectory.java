package com.referralloop.command;

import com.referralloop.chat.ChatUser;

/** Tells whether a chat user is one of our people (owns an account, or is an admin); implemented by the program. */
public interface RepDirectory {

    boolean isRep(ChatUser user);
}
