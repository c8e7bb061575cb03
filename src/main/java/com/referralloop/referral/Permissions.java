package com.referralloop.referral;

import com.referralloop.account.Account;
import com.referralloop.account.AccountRepository;
import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.command.AccessDeniedException;
import com.referralloop.command.Identities;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Who may do what in the referral program: an account's owner and the admins record consent,
 * ratings, testimonials and projects for it; any known rep (owner of some account, or admin) may
 * ask directly and log referrals; any member of the company's workspace may search for references and
 * request one (the owner approves); everyone else is refused with a message saying who may.
 */
@Service
public class Permissions implements com.referralloop.command.RepDirectory {

    private final ProgramProperties props;
    private final Identities identities;
    private final AccountRepository accounts;

    private final String discordSalesRole;

    Permissions(ProgramProperties props, Identities identities, AccountRepository accounts,
                @Value("${referral.requests.discord-sales-role:}") String discordSalesRole) {
        this.props = props;
        this.identities = identities;
        this.accounts = accounts;
        this.discordSalesRole = discordSalesRole == null || discordSalesRole.isBlank() ? null : discordSalesRole.trim();
    }

    /**
     * A member of the company's own workspace (as the platform vouched, see {@link ChatUser.Membership}), a rep or
     * an admin. On Discord, when a sales role is configured, only its holders count.
     */
    public boolean isMember(ChatUser u) {
        if (u == null) {
            return false;
        }
        if (u.membership() == ChatUser.Membership.MEMBER
                && (u.platform() != Platform.DISCORD || discordSalesRole == null || u.roles().contains(discordSalesRole))) {
            return true;
        }
        // a guest who was imported as an owner is still refused: outsiders never see the program's data
        return u.membership() != ChatUser.Membership.OUTSIDER && isRep(u);
    }

    /** Refuses outsiders with a message that says nothing about the data. */
    public void requireMember(ChatUser u, String what) {
        if (!isMember(u)) {
            throw new AccessDeniedException("Only members of the company's workspace may " + what
                    + ". Guests, external and other workspaces' users cannot.");
        }
    }

    public boolean isAdmin(ChatUser u) {
        if (u == null) {
            return false;
        }
        if (u.email() != null && props.adminEmails().contains(u.email().trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (u.platform() == Platform.SLACK && (props.adminSlackUserIds().contains(u.id())
                || (props.adminSlackUsergroup() != null && u.roles().contains(props.adminSlackUsergroup())))) {
            return true;
        }
        return u.platform() == Platform.DISCORD && (props.adminDiscordUserIds().contains(u.id())
                || (props.adminDiscordRole() != null && u.roles().contains(props.adminDiscordRole())));
    }

    public boolean owns(ChatUser u, Account a) {
        if (u == null || a == null || a.owner() == null) {
            return false;
        }
        if (u.platform() == Platform.SLACK && u.id() != null && u.id().equals(a.owner().slackUserId())) {
            return true;
        }
        if (u.platform() == Platform.DISCORD && u.id() != null && u.id().equals(a.owner().discordUserId())) {
            return true;
        }
        Optional<String> email = identities.ownerEmailOf(u);
        return email.isPresent() && a.owner().email() != null && a.owner().email().equalsIgnoreCase(email.get().trim());
    }

    /** Owns at least one account, or is an admin. */
    @Override
    public boolean isRep(ChatUser u) {
        if (isAdmin(u)) {
            return true;
        }
        if (u == null) {
            return false;
        }
        if (u.platform() == Platform.SLACK && accounts.existsByOwnerSlackUserId(u.id())) {
            return true;
        }
        if (u.platform() == Platform.DISCORD && accounts.existsByOwnerDiscordUserId(u.id())) {
            return true;
        }
        Optional<String> email = identities.ownerEmailOf(u);
        if (email.isEmpty()) {
            return false;
        }
        String e = email.get().trim();
        // owner emails are stored lower-case (AccountService, OwnerEmailMigration): one exact, indexed match
        return accounts.existsByOwnerEmail(e.toLowerCase(Locale.ROOT));
    }

    public void requireOwnerOrAdmin(ChatUser u, Account a, String what) {
        if (!owns(u, a) && !isAdmin(u)) {
            throw new AccessDeniedException("Only the owner of " + a.name() + " or a referral-program admin may "
                    + what + ". Nothing was recorded.");
        }
    }

    public void requireRep(ChatUser u, String what) {
        if (!isRep(u)) {
            throw new AccessDeniedException("Only account owners and referral-program admins may " + what
                    + ". If you own accounts, ask an admin to import them with your email or chat id. To ask for a "
                    + "reference for your prospect, find one with /reference find and ask its owner with /reference request.");
        }
    }
}
